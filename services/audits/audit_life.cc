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

// The answers, and the grades on them, that `tool` allows. `complete`: every mandatory
// question answered too.
template <typename Work>
void CheckAnswers(const Work& w, const v1::AuditToolVersion& tool, bool complete,
                  FieldViolations& v) {
  absl::flat_hash_set<std::string> answered;
  for (int i = 0; i < w.answers_size(); ++i) {
    const auto& a = w.answers(i);
    const std::string at = absl::StrCat("answers[", i, "]");
    const v1::Question* q = FindQuestion(tool, a.question());
    if (q == nullptr) {
      v.Add(at + ".question", absl::StrCat("is not a question of ", tool.name()));
      continue;
    }
    if (!answered.insert(a.question()).second) v.Add(at + ".question", "is answered twice");
    if (a.text().empty()) v.Add(at + ".text", "is required: what the auditor found");
    if (q->graded() && !HasGrade(tool, a.grade()) && (complete || !a.grade().empty())) {
      v.Add(at + ".grade", absl::StrCat("must be one of: ", absl::StrJoin(tool.grades(), ", ")));
    }
    if (!q->graded() && !a.grade().empty()) v.Add(at + ".grade", "is for graded questions only");
  }
  if (!complete) return;
  for (const auto& section : tool.sections()) {
    for (const auto& q : section.questions()) {
      if (q.mandatory() && !answered.contains(q.id())) {
        v.Add("answers", absl::StrCat("must answer mandatory question ", q.id()));
      }
    }
  }
}

void CheckTags(const google::protobuf::RepeatedPtrField<std::string>& tags, const char* field,
               FieldViolations& v) {
  for (int i = 0; i < tags.size(); ++i) {
    if (!IsCode(tags[i])) {
      v.Add(absl::StrCat(field, "[", i, "]"), "must be a code, e.g. voice_of_child");
    }
  }
}

// The whole of the work against `tool`; `complete` for a submission, else work in progress,
// where what is given must be right but the rest may wait.
template <typename Work>
absl::Status CheckWork(const Work& w, const v1::AuditToolVersion& tool, bool complete) {
  FieldViolations v;
  CheckAnswers(w, tool, complete, v);
  if (!HasGrade(tool, w.overall_grade()) && (complete || !w.overall_grade().empty())) {
    v.Add("overall_grade", absl::StrCat("must be one of: ", absl::StrJoin(tool.grades(), ", ")));
  }
  if (!v1::ChildSafe_IsValid(w.child_safe()) ||
      (complete && w.child_safe() == v1::CHILD_SAFE_UNSPECIFIED)) {
    v.Add("child_safe", "is required: CHILD_SAFE_YES or CHILD_SAFE_NO");
  }
  CheckTags(w.theme_tags(), "theme_tags", v);
  CheckTags(w.strength_tags(), "strength_tags", v);
  return v.ToStatus();
}

// Copies the work (answers, grades, judgements, strengths, areas, themes) between messages
// that carry it under the same names.
template <typename From, typename To>
void CopyWork(const From& from, To& to) {
  *to.mutable_answers() = from.answers();
  to.set_overall_grade(from.overall_grade());
  to.set_child_safe(from.child_safe());
  to.set_significant_concern(from.significant_concern());
  *to.mutable_strengths() = from.strengths();
  *to.mutable_areas_for_development() = from.areas_for_development();
  *to.mutable_theme_tags() = from.theme_tags();
  *to.mutable_strength_tags() = from.strength_tags();
}

}  // namespace

bool CountsAsDone(const v1::Audit& a) {
  return a.state() == v1::AUDIT_STATE_SUBMITTED || a.state() == v1::AUDIT_STATE_MODERATED ||
         a.state() == v1::AUDIT_STATE_ACTIONS_OPEN || a.state() == v1::AUDIT_STATE_CLOSED;
}

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
  return CheckWork(req, tool, /*complete=*/true);
}

absl::Status CheckProgress(const v1::SaveAuditProgressRequest& req,
                           const v1::AuditToolVersion& tool) {
  return CheckWork(req, tool, /*complete=*/false);
}

void SaveProgress(const v1::SaveAuditProgressRequest& req, absl::Time now, v1::Audit& a) {
  CopyWork(req, a);
  *a.mutable_save_time() = ToProto(now);
}

absl::StatusOr<v1::SubmitAuditRequest> SubmissionOf(const v1::SubmitAuditRequest& req,
                                                    const v1::Audit& a) {
  if (!req.submit_saved()) return req;
  v1::SubmitAuditRequest work;
  CopyWork(req, work);  // the request's own work, by the one list of what work is
  if (work.ByteSizeLong() > 0) {
    return InvalidField("submit_saved",
                        "submits the saved work as it stands: send no answers, grades, "
                        "judgements, strengths, areas or themes with it");
  }
  CopyWork(a, work);
  return work;
}

void Submit(const v1::SubmitAuditRequest& req, absl::Time now, v1::Audit& a) {
  CopyWork(req, a);
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
