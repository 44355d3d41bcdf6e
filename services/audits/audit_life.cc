#include "services/audits/audit_life.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/audits/tools.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::audits {
namespace {

std::string StateRule(v1::AuditState state) {
  std::string name = v1::AuditState_Name(state);
  name = name.substr(std::string("AUDIT_STATE_").size());
  return absl::StrCat("audit.", absl::AsciiStrToLower(name));
}

void CheckAnswers(const v1::SubmitAuditRequest& req, const v1::AuditToolVersion& tool,
                  FieldViolations& v) {
  absl::flat_hash_set<std::string> answered;
  for (int i = 0; i < req.answers_size(); ++i) {
    const auto& a = req.answers(i);
    const std::string at = absl::StrCat("answers[", i, "]");
    const v1::Question* q = FindQuestion(tool, a.question());
    if (q == nullptr) {
      v.Add(at + ".question", absl::StrCat("is not a question of ", tool.name()));
      continue;
    }
    if (!answered.insert(a.question()).second) v.Add(at + ".question", "is answered twice");
    if (a.text().empty()) v.Add(at + ".text", "is required: what the auditor found");
    if (q->graded() && !HasGrade(tool, a.grade())) {
      v.Add(at + ".grade", absl::StrCat("must be one of: ", absl::StrJoin(tool.grades(), ", ")));
    }
    if (!q->graded() && !a.grade().empty()) v.Add(at + ".grade", "is for graded questions only");
  }
  for (const auto& section : tool.sections()) {
    for (const auto& q : section.questions()) {
      if (q.mandatory() && !answered.contains(q.id())) {
        v.Add("answers", absl::StrCat("must answer mandatory question ", q.id()));
      }
    }
  }
}

}  // namespace

absl::Status MayStep(const v1::Audit& a, const std::string& subject, v1::AuditState state) {
  if (a.auditor() != subject) {
    return FailedRule("audit.auditor_only", "only the audit's auditor may do this");
  }
  if (a.state() != state) {
    return FailedRule(StateRule(state),
                      absl::StrCat("the audit is ", v1::AuditState_Name(a.state()), ", not ",
                                   v1::AuditState_Name(state)));
  }
  return absl::OkStatus();
}

absl::Status CheckSubmission(const v1::SubmitAuditRequest& req, const v1::AuditToolVersion& tool) {
  FieldViolations v;
  CheckAnswers(req, tool, v);
  if (!HasGrade(tool, req.overall_grade())) {
    v.Add("overall_grade", absl::StrCat("must be one of: ", absl::StrJoin(tool.grades(), ", ")));
  }
  if (req.child_safe() == v1::CHILD_SAFE_UNSPECIFIED || !v1::ChildSafe_IsValid(req.child_safe())) {
    v.Add("child_safe", "is required: CHILD_SAFE_YES or CHILD_SAFE_NO");
  }
  for (int i = 0; i < req.theme_tags_size(); ++i) {
    if (!IsCode(req.theme_tags(i))) {
      v.Add(absl::StrCat("theme_tags[", i, "]"), "must be a code, e.g. voice_of_child");
    }
  }
  return v.ToStatus();
}

void Submit(const v1::SubmitAuditRequest& req, absl::Time now, v1::Audit& a) {
  *a.mutable_answers() = req.answers();
  a.set_overall_grade(req.overall_grade());
  a.set_child_safe(req.child_safe());
  a.set_significant_concern(req.significant_concern());
  *a.mutable_strengths() = req.strengths();
  *a.mutable_areas_for_development() = req.areas_for_development();
  *a.mutable_theme_tags() = req.theme_tags();
  a.set_state(v1::AUDIT_STATE_SUBMITTED);
  *a.mutable_submit_time() = ToProto(now);
  const bool unsafe = req.child_safe() == v1::CHILD_SAFE_NO;
  if (!unsafe && !req.significant_concern()) return;
  auto* e = a.mutable_escalation();
  *e->mutable_raise_time() = ToProto(now);
  e->set_reason(unsafe && req.significant_concern() ? "child not safe; significant concern"
                : unsafe                             ? "child not safe"
                                                     : "significant concern");
  e->add_to_roles("team_manager");
  e->add_to_roles("senior_manager");
}

}  // namespace assure::audits
