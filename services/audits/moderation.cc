#include "services/audits/moderation.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/audits/selection.h"
#include "services/audits/tools.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::audits {
namespace {

// The salt that keeps the moderation share independent of the monthly draw's keys.
constexpr uint64_t kModerationSalt = 0x6d6f646572617465ULL;  // "moderate"

const v1::Answer* AnswerTo(const v1::Audit& a, const std::string& question) {
  for (const auto& answer : a.answers()) {
    if (answer.question() == question) return &answer;
  }
  return nullptr;
}

}  // namespace

void MarkForModeration(const v1::AuditToolVersion& tool, int sample_percent, v1::Audit& a) {
  const bool inadequate = tool.grades_size() > 0 &&
                          a.overall_grade() == tool.grades(tool.grades_size() - 1);
  const bool unsafe = a.child_safe() == v1::CHILD_SAFE_NO;
  const bool sampled = DrawKey(kModerationSalt, a.name()) % 100 <
                       static_cast<uint64_t>(std::max(sample_percent, 0));
  a.set_moderation_required(inadequate || unsafe || sampled);
  a.set_moderation_reason(inadequate ? "inadequate"
                          : unsafe   ? "child not safe"
                          : sampled  ? "sample"
                                     : "");
}

absl::Status MayModerate(const v1::Audit& a, const std::string& moderator) {
  if (a.auditor() == moderator) {
    return FailedRule("moderation.not_the_auditor", "an auditor never moderates their own audit");
  }
  if (a.state() != v1::AUDIT_STATE_SUBMITTED) {
    return FailedRule("audit.submitted", absl::StrCat("the audit is ",
                                                      v1::AuditState_Name(a.state()),
                                                      ", not AUDIT_STATE_SUBMITTED"));
  }
  return absl::OkStatus();
}

absl::Status CheckModeration(const v1::ModerateAuditRequest& req, const v1::Audit& a,
                             const v1::AuditToolVersion& tool) {
  FieldViolations v;
  const std::string scale = absl::StrJoin(tool.grades(), ", ");
  absl::flat_hash_set<std::string> seen;
  bool disagreed = !req.overall_agree();
  for (int i = 0; i < req.grades_size(); ++i) {
    const auto& g = req.grades(i);
    const std::string at = absl::StrCat("grades[", i, "]");
    const v1::Question* q = FindQuestion(tool, g.question());
    const v1::Answer* answer = AnswerTo(a, g.question());
    if (q == nullptr || !q->graded() || answer == nullptr) {
      v.Add(at + ".question", "must be a graded question the audit answered");
    }
    if (!seen.insert(g.question()).second) v.Add(at + ".question", "is moderated twice");
    if (!g.agree() && !HasGrade(tool, g.moderated_grade())) {
      v.Add(at + ".moderated_grade", absl::StrCat("must be one of: ", scale));
    }
    disagreed |= !g.agree();
  }
  if (!req.overall_agree() && !HasGrade(tool, req.moderated_overall_grade())) {
    v.Add("moderated_overall_grade", absl::StrCat("must be one of: ", scale));
  }
  if (disagreed && req.rationale().empty()) {
    v.Add("rationale", "is required when the moderator disagrees");
  }
  return v.ToStatus();
}

void Moderate(const v1::ModerateAuditRequest& req, const std::string& moderator, absl::Time now,
              v1::Audit& a) {
  auto* m = a.mutable_moderation();
  m->set_moderator(moderator);
  *m->mutable_grades() = req.grades();
  m->set_overall_agree(req.overall_agree());
  m->set_moderated_overall_grade(req.overall_agree() ? a.overall_grade()
                                                     : req.moderated_overall_grade());
  m->set_rationale(req.rationale());
  *m->mutable_moderate_time() = ToProto(now);
  a.set_state(v1::AUDIT_STATE_MODERATED);
}

const std::string& FinalGrade(const v1::Audit& a) {
  return a.has_moderation() ? a.moderation().moderated_overall_grade() : a.overall_grade();
}

bool Disagreed(const v1::Moderation& m) {
  if (!m.overall_agree()) return true;
  for (const auto& g : m.grades()) {
    if (!g.agree()) return true;
  }
  return false;
}

}  // namespace assure::audits
