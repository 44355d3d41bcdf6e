#include "services/allowances/allowance_life.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/allowances/end_points.h"
#include "services/allowances/gate.h"
#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure::allowances {
namespace {

absl::Status StateRule(const v1::Allowance& a, const char* wanted) {
  return FailedRule("allowance.state",
                    absl::StrCat("the allowance is ", v1::AllowanceState_Name(a.state()),
                                 "; this needs it ", wanted));
}

// A draft's basis changed: approvals given for the old one are withdrawn.
void BackToDraft(v1::Allowance& a) {
  if (a.state() != v1::ALLOWANCE_STATE_APPROVED) return;
  a.clear_approvals();
  a.set_state(v1::ALLOWANCE_STATE_DRAFT);
}

void Stop(v1::Allowance& a, v1::EndPoint end_point, absl::CivilDay end_date,
          const std::string& note, const Actor& by) {
  a.set_state(v1::ALLOWANCE_STATE_CEASED);
  a.clear_suspension();
  auto* c = a.mutable_cessation();
  c->set_end_point(end_point);
  *c->mutable_end_date() = ToProto(end_date);
  c->set_note(note);
  c->set_ceased_by(by.subject);
  *c->mutable_cease_time() = ToProto(by.now);
}

}  // namespace

bool IsPaying(const v1::Allowance& a) {
  return a.state() == v1::ALLOWANCE_STATE_ACTIVE || a.state() == v1::ALLOWANCE_STATE_SUSPENDED;
}

absl::Status RecordPaperwork(v1::Allowance& a, const v1::Paperwork& p) {
  if (a.state() == v1::ALLOWANCE_STATE_CEASED) return StateRule(a, "not ceased");
  *a.mutable_paperwork() = p;
  return absl::OkStatus();
}

absl::Status RecordAssessment(v1::Allowance& a, const v1::FinancialAssessment& f) {
  if (a.state() == v1::ALLOWANCE_STATE_CEASED) return StateRule(a, "not ceased");
  *a.mutable_assessment() = f;
  BackToDraft(a);
  return absl::OkStatus();
}

absl::Status Approve(v1::Allowance& a, const v1::AllowanceSettings& settings,
                     const std::string& role, const Actor& by) {
  if (a.state() != v1::ALLOWANCE_STATE_DRAFT) return StateRule(a, "DRAFT");
  if (by.subject == a.prepared_by()) {
    return FailedRule("approval.not_the_preparer",
                      "the person who prepared an allowance cannot approve it");
  }
  if (std::find(by.roles.begin(), by.roles.end(), role) == by.roles.end()) {
    return FailedRule("approval.role_held", absl::StrCat("the caller does not hold ", role));
  }
  const auto missing = MissingApprovals(a, settings);
  if (std::find(missing.begin(), missing.end(), role) == missing.end()) {
    return FailedRule("approval.role_required",
                      absl::StrCat("the scheme of delegation asks no approval of ", role,
                                   " for this allowance, or it is already given"));
  }
  for (const auto& given : a.approvals()) {
    if (given.approver() == by.subject) {
      return FailedRule("approval.distinct_approvers",
                        "each approval is given by a different person");
    }
  }
  auto* ap = a.add_approvals();
  ap->set_role(role);
  ap->set_approver(by.subject);
  *ap->mutable_approve_time() = ToProto(by.now);
  if (missing.size() == 1) a.set_state(v1::ALLOWANCE_STATE_APPROVED);
  return absl::OkStatus();
}

absl::Status Activate(v1::Allowance& a, const v1::AllowanceSettings& settings) {
  if (a.state() != v1::ALLOWANCE_STATE_APPROVED) return StateRule(a, "APPROVED");
  if (auto st = GateStatus(PaymentGate(a, settings)); !st.ok()) return st;
  a.set_state(v1::ALLOWANCE_STATE_ACTIVE);
  return absl::OkStatus();
}

absl::Status Suspend(v1::Allowance& a, v1::SuspensionReason reason, const std::string& note,
                     const Actor& by) {
  if (a.state() != v1::ALLOWANCE_STATE_ACTIVE) return StateRule(a, "ACTIVE");
  if (reason == v1::SUSPENSION_REASON_UNSPECIFIED || !v1::SuspensionReason_IsValid(reason)) {
    return InvalidField("reason", "must be a suspension reason");
  }
  a.set_state(v1::ALLOWANCE_STATE_SUSPENDED);
  auto* s = a.mutable_suspension();
  s->set_reason(reason);
  s->set_note(note);
  s->set_suspended_by(by.subject);
  *s->mutable_suspend_time() = ToProto(by.now);
  return absl::OkStatus();
}

absl::Status Resume(v1::Allowance& a, const v1::AllowanceSettings& settings) {
  if (a.state() != v1::ALLOWANCE_STATE_SUSPENDED) return StateRule(a, "SUSPENDED");
  if (auto st = GateStatus(PaymentGate(a, settings)); !st.ok()) return st;
  a.set_state(v1::ALLOWANCE_STATE_ACTIVE);
  a.clear_suspension();
  return absl::OkStatus();
}

absl::Status Cease(v1::Allowance& a, const v1::SupportedChild& child, v1::EndPoint end_point,
                   absl::CivilDay end_date, const std::string& note, const Actor& by) {
  if (a.state() == v1::ALLOWANCE_STATE_CEASED) return StateRule(a, "not yet ceased");
  if (end_point == v1::END_POINT_UNSPECIFIED || !v1::EndPoint_IsValid(end_point)) {
    return InvalidField("end_point", "must be a statutory end point");
  }
  if (end_point == v1::END_POINT_DECISION) {
    return FailedRule("end_point.decision",
                      "ending support by decision needs notice and a period for representations: "
                      "ProposeDecision, then MakeDecision");
  }
  // The day after the last day paid for is the first the end point must hold on.
  const auto reached = EndPointsOn(child, a, end_date + 1);
  if (std::find(reached.begin(), reached.end(), end_point) == reached.end()) {
    return FailedRule(EndPointRule(end_point),
                      absl::StrCat("this end point does not hold for the child the day after ",
                                   FormatDay(end_date),
                                   "; reducing or ending support for "
                                   "another reason is a decision with notice"));
  }
  Stop(a, end_point, end_date, note, by);
  return absl::OkStatus();
}

absl::Status EndByDecision(v1::Allowance& a, absl::CivilDay last_day, const std::string& reasons,
                           const Actor& by) {
  if (a.state() == v1::ALLOWANCE_STATE_CEASED) return StateRule(a, "not yet ceased");
  Stop(a, v1::END_POINT_DECISION, last_day, reasons, by);
  return absl::OkStatus();
}

}  // namespace assure::allowances
