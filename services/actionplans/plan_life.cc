#include "services/actionplans/plan_life.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::actionplans {
namespace {

absl::Status SignOff(v1::Plan& p, const std::string& meeting, const Actor& by, v1::SignOff* out) {
  if (by.subject == p.owner()) {
    return FailedRule("plan.sign_off_not_owner",
                      "the board signs a plan off: its owner cannot sign it off");
  }
  out->set_signed_by(by.subject);
  *out->mutable_sign_time() = ToProto(by.now);
  out->set_meeting(meeting);
  return absl::OkStatus();
}

}  // namespace

bool IsOpenPlan(const v1::Plan& p) { return p.state() != v1::PLAN_STATE_CLOSED; }

absl::Status Agree(v1::Plan& p, const std::string& meeting, const Actor& by) {
  if (p.state() != v1::PLAN_STATE_DRAFT) {
    return FailedRule("plan.state", "only a draft plan is agreed");
  }
  if (auto st = SignOff(p, meeting, by, p.mutable_agreed()); !st.ok()) return st;
  p.set_state(v1::PLAN_STATE_AGREED);
  return absl::OkStatus();
}

absl::Status StartDelivery(v1::Plan& p) {
  if (p.state() != v1::PLAN_STATE_AGREED) {
    return FailedRule("plan.state", "only an agreed plan goes into delivery");
  }
  p.set_state(v1::PLAN_STATE_IN_DELIVERY);
  return absl::OkStatus();
}

absl::Status Close(v1::Plan& p, int64_t open_actions, const std::string& meeting, const Actor& by) {
  if (p.state() != v1::PLAN_STATE_AGREED && p.state() != v1::PLAN_STATE_IN_DELIVERY) {
    return FailedRule("plan.state", "only an agreed plan or one in delivery is closed");
  }
  if (open_actions > 0) {
    return FailedRule("plan.actions_open",
                      absl::StrCat(open_actions,
                                   " of its actions are still open: each must be completed or "
                                   "superseded first"));
  }
  if (auto st = SignOff(p, meeting, by, p.mutable_closed()); !st.ok()) return st;
  p.set_state(v1::PLAN_STATE_CLOSED);
  return absl::OkStatus();
}

std::optional<Due> StatementDue(const v1::Plan& p, const WorkingDays& calendar) {
  const auto report = DayOf(p.inspection().report_date());
  if (!report) return std::nullopt;
  if (p.source() == v1::PLAN_SOURCE_OFSTED_INSPECTION) {
    return MakeDue(calendar.AddWorkingDays(*report, 70), calendar, "inspection.statement_of_action",
                   assure::type::v1::RULE_LEVEL_LAW,
                   "Education and Inspections Act 2006 s137; ILACS framework",
                   {{"inspection report published", *report}},
                   absl::StrCat("70 working days after ", FormatDay(*report)));
  }
  if (p.source() == v1::PLAN_SOURCE_OFSTED_FOCUSED_VISIT && p.inspection().priority_actions()) {
    return MakeDue(calendar.AddWorkingDays(*report, 20), calendar,
                   "inspection.priority_action_plan_draft", assure::type::v1::RULE_LEVEL_GUIDANCE,
                   "ILACS framework: focused visits",
                   {{"focused visit letter with priority actions", *report}},
                   absl::StrCat("a draft 20 working days after ", FormatDay(*report)));
  }
  return std::nullopt;
}

v1::PlanSource PlanSourceFor(v1::FindingSource source) {
  switch (source) {
    case v1::FINDING_SOURCE_AUDIT_THEME:
    case v1::FINDING_SOURCE_AUDIT_PROGRAMME:
      return v1::PLAN_SOURCE_CASE_FILE_AUDIT;
    case v1::FINDING_SOURCE_DISPUTE:
      return v1::PLAN_SOURCE_DISPUTE_OUTCOME;
    case v1::FINDING_SOURCE_ANNUAL_REPORT:
      return v1::PLAN_SOURCE_IRO_ANNUAL_REPORT;
    case v1::FINDING_SOURCE_ALLOWANCE_CONTROL:
      return v1::PLAN_SOURCE_ALLOWANCE_CONTROL;
    default:
      return v1::PLAN_SOURCE_UNSPECIFIED;
  }
}

}  // namespace assure::actionplans
