#include "services/disputes/ladder.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::disputes {
namespace {

constexpr int kMaxLimit = 60;

void AddStage(v1::DisputeSettings& s, const char* role, const char* title, int days) {
  auto* stage = s.add_stages();
  stage->set_level(s.stages_size());
  stage->set_role(role);
  stage->set_title(title);
  stage->set_limit_working_days(days);
}

void AddTheme(v1::DisputeSettings& s, const char* code, const char* title) {
  auto* theme = s.add_themes();
  theme->set_code(code);
  theme->set_title(title);
}

}  // namespace

v1::DisputeSettings DefaultSettings() {
  v1::DisputeSettings s;
  s.set_name("disputeSettings");
  s.set_informal_limit_working_days(5);
  AddStage(s, "team_manager", "Team Manager", 5);
  AddStage(s, "service_manager", "Service Manager", 5);
  AddStage(s, "head_of_service", "Head of Service", 4);
  AddStage(s, "director", "Director of Children's Services", 3);
  AddStage(s, "chief_executive", "Chief Executive", 3);
  s.set_auto_escalate(false);
  // Seed 001, 5.8-5.11, and a catch-all.
  AddTheme(s, "permanent_placement_delay", "Delay in finding a permanent placement");
  AddTheme(s, "care_plan_without_senior_agreement",
           "Care plan without evidence of senior manager agreement");
  AddTheme(s, "social_worker_changes", "Number of changes of social worker");
  AddTheme(s, "placement_legal_status", "Legal status of placement");
  AddTheme(s, "other", "Other");
  s.set_formal_total_working_days(20);
  return s;
}

absl::Status ValidateSettings(v1::DisputeSettings& s) {
  FieldViolations v;
  if (s.informal_limit_working_days() < 1 || s.informal_limit_working_days() > kMaxLimit) {
    v.Add("settings.informal_limit_working_days", "must be 1 to 60 working days");
  }
  if (s.stages_size() == 0) v.Add("settings.stages", "needs at least one formal stage");
  int total = 0;
  for (int i = 0; i < s.stages_size(); ++i) {
    auto* stage = s.mutable_stages(i);
    const std::string at = absl::StrCat("settings.stages[", i, "]");
    if (!IsCode(stage->role()) || stage->role() == kInformalRole) {
      v.Add(at + ".role", "must be a code of a-z, 0-9 and _ (e.g. head_of_service)");
    }
    if (stage->title().empty()) v.Add(at + ".title", "is required");
    if (stage->limit_working_days() < 1 || stage->limit_working_days() > kMaxLimit) {
      v.Add(at + ".limit_working_days", "must be 1 to 60 working days");
    }
    stage->set_level(i + 1);
    total += stage->limit_working_days();
  }
  if (total > kGuidanceFormalWorkingDays && s.departure_reason().empty()) {
    v.Add("settings.stages",
          absl::StrCat("the formal stages add up to ", total,
                       " working days; the guidance says no more than 20 (IRO Handbook para "
                       "6.2): shorten them or record departure_reason"));
  }
  absl::flat_hash_set<std::string> codes;
  if (s.themes_size() == 0) v.Add("settings.themes", "needs at least one theme");
  for (int i = 0; i < s.themes_size(); ++i) {
    const auto& theme = s.themes(i);
    const std::string at = absl::StrCat("settings.themes[", i, "]");
    if (!IsCode(theme.code())) v.Add(at + ".code", "must be a code of a-z, 0-9 and _");
    if (!codes.insert(theme.code()).second) v.Add(at + ".code", "is listed twice");
    if (theme.title().empty()) v.Add(at + ".title", "is required");
  }
  if (s.recurring_theme_threshold() < 0 || s.recurring_theme_threshold() == 1 ||
      s.recurring_theme_threshold() > 1000) {
    v.Add("settings.recurring_theme_threshold", "must be 2 to 1000, or 0 for the default (3)");
  }
  if (s.recurring_theme_months() < 0 || s.recurring_theme_months() > 24) {
    v.Add("settings.recurring_theme_months", "must be 1 to 24, or 0 for the default (6)");
  }
  if (!v.empty()) return v.ToStatus();
  s.set_formal_total_working_days(total);
  return absl::OkStatus();
}

std::optional<v1::Stage> StageAt(const v1::DisputeSettings& s, int level) {
  if (level == 0) {
    v1::Stage informal;
    informal.set_level(0);
    informal.set_role(kInformalRole);
    informal.set_title("Informal discussion with the social worker or their manager");
    informal.set_limit_working_days(s.informal_limit_working_days());
    return informal;
  }
  if (level < 0 || level > s.stages_size()) return std::nullopt;
  v1::Stage stage = s.stages(level - 1);
  stage.set_level(level);
  return stage;
}

bool HasTheme(const v1::DisputeSettings& s, absl::string_view code) {
  for (const auto& theme : s.themes()) {
    if (theme.code() == code) return true;
  }
  return false;
}

std::string StageKey(int level, absl::string_view role) { return absl::StrCat(level, " ", role); }

}  // namespace assure::disputes
