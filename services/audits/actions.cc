#include "services/audits/actions.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::audits {
namespace {

bool AwaitsModeration(const v1::Audit& a) {
  return a.state() == v1::AUDIT_STATE_SUBMITTED && a.moderation_required();
}

bool Submitted(const v1::Audit& a) {
  return a.state() == v1::AUDIT_STATE_SUBMITTED || a.state() == v1::AUDIT_STATE_MODERATED ||
         a.state() == v1::AUDIT_STATE_ACTIONS_OPEN;
}

}  // namespace

absl::Status MayRaiseAction(const v1::Audit& a, const std::string& subject) {
  if (subject != a.auditor() && subject != a.moderation().moderator()) {
    return FailedRule("action.auditor_or_moderator",
                      "actions are raised by the audit's auditor or moderator");
  }
  if (!Submitted(a)) {
    return FailedRule("audit.submitted", "actions are raised once the audit is submitted");
  }
  if (AwaitsModeration(a)) {
    return FailedRule("audit.moderation_first", "the audit must be moderated first");
  }
  return absl::OkStatus();
}

absl::Status CheckNewAction(const v1::CreateAuditActionRequest& req, absl::CivilDay today) {
  FieldViolations v;
  const auto& a = req.action();
  if (a.text().empty()) v.Add("action.text", "is required: what must be done");
  if (!IsValidId(a.owner())) v.Add("action.owner", "is required: the owner's staff id");
  CheckDate(a.due_date(), "action.due_date", true, v);
  const auto due = FromProto(a.due_date()).day;
  if (due && *due < today) {
    v.Add("action.due_date", absl::StrCat("must not be before today (", FormatDay(today), ")"));
  }
  return v.ToStatus();
}

absl::Status MaySignOff(const v1::AuditAction& action, const std::string& signer,
                        const std::string& evidence) {
  if (evidence.empty()) return InvalidField("evidence", "is required: what shows it was done");
  if (action.state() != v1::ACTION_STATE_OPEN) {
    return FailedRule("action.open", "the action is already signed off");
  }
  if (action.owner() == signer) {
    return FailedRule("action.not_the_owner", "an action is signed off by someone other than "
                                              "its owner");
  }
  return absl::OkStatus();
}

bool IsOverdue(const v1::AuditAction& a, absl::CivilDay today) {
  const auto due = FromProto(a.due_date()).day;
  return a.state() == v1::ACTION_STATE_OPEN && due && *due < today;
}

absl::Status MayClose(const v1::Audit& a, int64_t open_actions) {
  if (!Submitted(a)) {
    return FailedRule("audit.submitted", absl::StrCat("the audit is ",
                                                      v1::AuditState_Name(a.state())));
  }
  if (AwaitsModeration(a)) {
    return FailedRule("audit.moderation_first", "the audit must be moderated first");
  }
  if (open_actions > 0) {
    return FailedRule("audit.actions_open",
                      absl::StrCat(open_actions, " action(s) still to be signed off"));
  }
  return absl::OkStatus();
}

}  // namespace assure::audits
