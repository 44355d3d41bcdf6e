#include "services/allowances/decisions.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/allowances/gate.h"
#include "services/allowances/money.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace assure::allowances {
namespace {

void CheckVary(const v1::Decision& asked, const v1::Allowance& a, FieldViolations& v) {
  if (asked.amount_pence() <= 0 || asked.amount_pence() > kMaxPaymentPence) {
    v.Add("decision.amount_pence", "must be 1 to 10000000 pence (£100,000)");
  }
  const v1::Frequency f = asked.frequency();
  if (f != v1::FREQUENCY_UNSPECIFIED &&
      (!v1::Frequency_IsValid(f) ||
       (f == v1::FREQUENCY_ONCE) != (a.frequency() == v1::FREQUENCY_ONCE))) {
    v.Add("decision.frequency", "must be a frequency of the same kind (periodic or once)");
  }
}

// `a` as `d` would vary it.
v1::Allowance Varied(const v1::Decision& d, const v1::Allowance& a) {
  v1::Allowance out = a;
  out.set_amount_pence(d.amount_pence());
  if (d.frequency() != v1::FREQUENCY_UNSPECIFIED) out.set_frequency(d.frequency());
  return out;
}

// What the instalments scheduled from `from` paid beyond `rate` a payment (all of them for
// an end, `rate` 0).
int64_t Overpaid(const std::vector<v1::LedgerEntry>& scheduled, absl::CivilDay from, int64_t rate) {
  int64_t over = 0;
  for (const auto& e : scheduled) {
    const auto due = DayOf(e.due_date());
    if (e.kind() != v1::LEDGER_ENTRY_KIND_SCHEDULED || !due || *due < from) continue;
    over += std::max<int64_t>(0, e.amount_pence() - rate);
  }
  return over;
}

// Approvals a dearer allowance newly needs, given by the decider in roles they hold; the
// rule that refuses it otherwise.
absl::Status ApproveWhatIsNew(v1::Allowance& varied, const v1::AllowanceSettings& settings,
                              const Actor& by) {
  for (const auto& role : MissingApprovals(varied, settings)) {
    if (by.subject == varied.prepared_by() ||
        std::find(by.roles.begin(), by.roles.end(), role) == by.roles.end()) {
      return FailedRule("gate.approvals",
                        absl::StrCat("the new amount needs the approval of ", role,
                                     ", which the person deciding cannot give"));
    }
    auto* ap = varied.add_approvals();
    ap->set_role(role);
    ap->set_approver(by.subject);
    *ap->mutable_approve_time() = ToProto(by.now);
  }
  return absl::OkStatus();
}

absl::Status CheckTiming(const v1::Decision& d, const v1::Allowance& a,
                         const DecisionNotice& notice, absl::CivilDay today) {
  const auto proposed = DayOf(d.proposal_notice_date());
  if (notice.notice_date > today || (proposed && notice.notice_date < *proposed)) {
    return FailedRule("decision.notice_date",
                      "the decision's notice comes after the proposal's and not in the future");
  }
  const auto due = DayOf(d.representations_due_date());
  if (Reduces(d, a) && due && notice.notice_date < *due) {
    return FailedRule("decision.representation_period",
                      absl::StrCat("reducing or ending support waits for the period for "
                                   "representations, to ",
                                   FormatDay(*due)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Decision> Propose(const v1::Decision& asked, const v1::Allowance& a,
                                     int representation_days, const Actor& by,
                                     absl::CivilDay today) {
  FieldViolations v;
  if (asked.kind() == v1::DECISION_KIND_UNSPECIFIED || !v1::DecisionKind_IsValid(asked.kind())) {
    v.Add("decision.kind", "must be VARY or END");
  }
  if (asked.kind() == v1::DECISION_KIND_VARY) CheckVary(asked, a, v);
  CheckDate(asked.effective_date(), "decision.effective_date", true, v);
  CheckDate(asked.proposal_notice_date(), "decision.proposal_notice_date", true, v, today);
  if (asked.reasons().empty()) v.Add("decision.reasons", "are required: the carers are told why");
  ASSURE_RETURN_IF_ERROR(v.ToStatus());
  if (!IsPaying(a)) {
    return FailedRule("decision.allowance_paying",
                      "support is varied or ended while it is active or suspended");
  }
  v1::Decision d;
  d.set_kind(asked.kind());
  d.set_state(v1::DECISION_STATE_PROPOSED);
  if (d.kind() == v1::DECISION_KIND_VARY) {
    d.set_amount_pence(asked.amount_pence());
    d.set_frequency(asked.frequency());
  }
  *d.mutable_effective_date() = asked.effective_date();
  d.set_reasons(asked.reasons());
  *d.mutable_proposal_notice_date() = asked.proposal_notice_date();
  *d.mutable_representations_due_date() =
      ToProto(*DayOf(asked.proposal_notice_date()) + representation_days);
  d.set_proposed_by(by.subject);
  return d;
}

absl::Status Represent(v1::Decision& d, const v1::Representation& r, absl::CivilDay today) {
  if (d.state() != v1::DECISION_STATE_PROPOSED) {
    return FailedRule("decision.state", "representations are made on a proposal not decided");
  }
  const auto received = DayOf(r.received_date());
  const auto proposed = DayOf(d.proposal_notice_date());
  if (!received || *received > today || (proposed && *received < *proposed)) {
    return InvalidField("representation.received_date",
                        "is required, after the proposal's notice and not in the future");
  }
  if (r.text().empty()) return InvalidField("representation.text", "is required");
  *d.add_representations() = r;
  return absl::OkStatus();
}

bool Reduces(const v1::Decision& d, const v1::Allowance& a) {
  if (d.kind() == v1::DECISION_KIND_END) return true;
  const v1::Allowance varied = Varied(d, a);
  return AnnualCostPence(varied.amount_pence(), varied.frequency()) <
         AnnualCostPence(a.amount_pence(), a.frequency());
}

absl::Status Decide(v1::Decision& d, v1::Allowance& a, const v1::AllowanceSettings& settings,
                    const std::vector<v1::LedgerEntry>& scheduled, const DecisionNotice& notice,
                    const Actor& by, absl::CivilDay today) {
  if (d.state() != v1::DECISION_STATE_PROPOSED) {
    return FailedRule("decision.state", "this proposal is already decided or withdrawn");
  }
  if (by.subject == d.proposed_by()) {
    return FailedRule("decision.not_the_proposer",
                      "the person who proposed a change cannot decide it");
  }
  ASSURE_RETURN_IF_ERROR(CheckTiming(d, a, notice, today));
  if (!IsPaying(a)) {
    return FailedRule("decision.allowance_paying", "the allowance is no longer paying");
  }
  const absl::CivilDay effective = *DayOf(d.effective_date());
  v1::Allowance after = a;
  int64_t overpaid = 0;
  if (d.kind() == v1::DECISION_KIND_END) {
    overpaid = Overpaid(scheduled, effective, 0);
    ASSURE_RETURN_IF_ERROR(EndByDecision(after, effective - 1, notice.reasons, by));
  } else {
    after = Varied(d, a);
    ASSURE_RETURN_IF_ERROR(ApproveWhatIsNew(after, settings, by));
    ASSURE_RETURN_IF_ERROR(GateStatus(PaymentGate(after, settings)));
    overpaid = Overpaid(scheduled, effective, after.amount_pence());
  }
  a = std::move(after);
  d.set_state(v1::DECISION_STATE_DECIDED);
  *d.mutable_decision_notice_date() = ToProto(notice.notice_date);
  d.set_decision_reasons(notice.reasons);
  d.set_conditions(notice.conditions);
  d.set_decided_by(by.subject);
  d.set_overpayment_pence(overpaid);
  return absl::OkStatus();
}

}  // namespace assure::allowances
