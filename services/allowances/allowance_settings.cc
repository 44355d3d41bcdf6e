#include "services/allowances/allowance_settings.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "protos/assure/allowances/v1/names.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::allowances {
namespace {

constexpr size_t kMaxCodeBytes = 32;

void AddLedgerCode(v1::AllowanceSettings& s, v1::AllowanceType type, const char* code) {
  auto* c = s.add_ledger_codes();
  c->set_type(type);
  c->set_code(code);
}

bool IsKnownType(v1::AllowanceType type) {
  return type != v1::ALLOWANCE_TYPE_UNSPECIFIED && v1::AllowanceType_IsValid(type);
}

// A code in the finance system or on a form: 1-32 printable ASCII characters, no spaces.
bool IsPlainCode(const std::string& code) {
  if (code.empty() || code.size() > kMaxCodeBytes) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return c > ' ' && c < 127; });
}

void CheckLedgerCodes(const v1::AllowanceSettings& s, FieldViolations& v) {
  absl::flat_hash_set<int> seen;
  for (int i = 0; i < s.ledger_codes_size(); ++i) {
    const auto& c = s.ledger_codes(i);
    const std::string at = absl::StrCat("settings.ledger_codes[", i, "]");
    if (!IsKnownType(c.type())) v.Add(at + ".type", "must be an allowance type");
    if (!seen.insert(c.type()).second) v.Add(at + ".type", "is given a code twice");
    if (!IsPlainCode(c.code())) v.Add(at + ".code", "must be 1-32 characters without spaces");
  }
}

void CheckForms(const v1::AllowanceSettings& s, FieldViolations& v) {
  absl::flat_hash_set<int> seen;
  for (int i = 0; i < s.required_forms_size(); ++i) {
    const auto& f = s.required_forms(i);
    const std::string at = absl::StrCat("settings.required_forms[", i, "]");
    if (!IsKnownType(f.type())) v.Add(at + ".type", "must be an allowance type");
    if (!seen.insert(f.type()).second) v.Add(at + ".type", "is listed twice");
    for (int j = 0; j < f.forms_size(); ++j) {
      if (!IsPlainCode(f.forms(j))) {
        v.Add(absl::StrCat(at, ".forms[", j, "]"), "must be 1-32 characters without spaces");
      }
    }
  }
}

void CheckLevels(const v1::AllowanceSettings& s, FieldViolations& v) {
  if (s.approval_levels_size() == 0) {
    v.Add("settings.approval_levels",
          "must name at least one approver: nothing is paid "
          "on its preparer's word alone");
  }
  for (int i = 0; i < s.approval_levels_size(); ++i) {
    const auto& l = s.approval_levels(i);
    const std::string at = absl::StrCat("settings.approval_levels[", i, "]");
    if (!IsCode(l.role())) v.Add(at + ".role", "must be a role code, e.g. team_manager");
    if (l.min_annual_cost_pence() < 0) v.Add(at + ".min_annual_cost_pence", "must be 0 or more");
  }
}

}  // namespace

v1::AllowanceSettings DefaultSettings() {
  v1::AllowanceSettings s;
  s.set_name(kSettingsName);
  AddLedgerCode(s, v1::ALLOWANCE_TYPE_ADOPTION, "ADOPT-ALLOW");
  AddLedgerCode(s, v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP, "SGO-ALLOW");
  AddLedgerCode(s, v1::ALLOWANCE_TYPE_CHILD_ARRANGEMENTS, "CAO-ALLOW");
  AddLedgerCode(s, v1::ALLOWANCE_TYPE_ENHANCEMENT, "ENHANCE");
  AddLedgerCode(s, v1::ALLOWANCE_TYPE_FORMER_FOSTER_CARER_REMUNERATION, "FFC-REMUN");
  AddLedgerCode(s, v1::ALLOWANCE_TYPE_ONE_OFF, "ONE-OFF");
  auto* sgo = s.add_required_forms();
  sgo->set_type(v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP);
  sgo->add_forms("SGA3");
  auto* cao = s.add_required_forms();
  cao->set_type(v1::ALLOWANCE_TYPE_CHILD_ARRANGEMENTS);
  cao->add_forms("ROA6");
  for (const char* role : {"team_manager", "senior_manager"}) {
    auto* level = s.add_approval_levels();
    level->set_role(role);
    level->set_min_annual_cost_pence(0);
  }
  s.set_representation_days(28);
  s.set_declaration_reminder_days(28);
  s.set_education_evidence_days(30);
  s.set_enhancement_review_months(24);
  return s;
}

v1::AllowanceSettings WithDefaults(v1::AllowanceSettings saved) {
  const v1::AllowanceSettings defaults = DefaultSettings();
  if (saved.declaration_reminder_days() == 0) {
    saved.set_declaration_reminder_days(defaults.declaration_reminder_days());
  }
  if (saved.education_evidence_days() == 0) {
    saved.set_education_evidence_days(defaults.education_evidence_days());
  }
  if (saved.enhancement_review_months() == 0) {
    saved.set_enhancement_review_months(defaults.enhancement_review_months());
  }
  return saved;
}

absl::Status ValidateSettings(const v1::AllowanceSettings& s) {
  FieldViolations v;
  CheckLedgerCodes(s, v);
  CheckForms(s, v);
  CheckLevels(s, v);
  if (s.representation_days() < 1 || s.representation_days() > 90) {
    v.Add("settings.representation_days", "must be 1 to 90");
  }
  if (s.declaration_reminder_days() < 1 || s.declaration_reminder_days() > 90) {
    v.Add("settings.declaration_reminder_days", "must be 1 to 90");
  }
  if (s.education_evidence_days() < 1 || s.education_evidence_days() > 120) {
    v.Add("settings.education_evidence_days", "must be 1 to 120");
  }
  if (s.enhancement_review_months() < 1 || s.enhancement_review_months() > 60) {
    v.Add("settings.enhancement_review_months", "must be 1 to 60");
  }
  return v.ToStatus();
}

std::optional<std::string> LedgerCodeFor(const v1::AllowanceSettings& s, v1::AllowanceType type) {
  for (const auto& c : s.ledger_codes()) {
    if (c.type() == type) return c.code();
  }
  return std::nullopt;
}

std::vector<std::string> FormsFor(const v1::AllowanceSettings& s, v1::AllowanceType type) {
  for (const auto& f : s.required_forms()) {
    if (f.type() == type) return {f.forms().begin(), f.forms().end()};
  }
  return {};
}

std::vector<std::string> ApprovalsFor(const v1::AllowanceSettings& s, int64_t annual_cost_pence) {
  std::vector<std::string> roles;
  for (const auto& l : s.approval_levels()) {
    if (annual_cost_pence < l.min_annual_cost_pence()) continue;
    if (std::find(roles.begin(), roles.end(), l.role()) == roles.end()) roles.push_back(l.role());
  }
  return roles;
}

}  // namespace assure::allowances
