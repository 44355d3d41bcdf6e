// Decisions with notice [law] (ASSR reg 20, SGR reg 18): support is varied or ended only
// after notice of the proposal and a period for representations, then a decision with notice
// and reasons; reducing or ending cannot skip the representations. A change applied from an
// earlier day than the decision's finds the overpayment for the instalments already scheduled
// at the old rate; a lower amount from now on is not an overpayment. Pure.
#ifndef ASSURE_SERVICES_ALLOWANCES_DECISIONS_H_
#define ASSURE_SERVICES_ALLOWANCES_DECISIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "assure/allowances/v1/resources.pb.h"
#include "services/allowances/allowance_life.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// The proposal `asked` for `a`, noticed to the carers on asked.proposal_notice_date, with
// representations due `representation_days` later. INVALID_ARGUMENT naming each bad field;
// FAILED_PRECONDITION (decision.allowance_paying) unless `a` is active or suspended.
absl::StatusOr<v1::Decision> Propose(const v1::Decision& asked, const v1::Allowance& a,
                                     int representation_days, const Actor& by,
                                     absl::CivilDay today);

// A representation received while the proposal stands.
absl::Status Represent(v1::Decision& d, const v1::Representation& r, absl::CivilDay today);

// Whether `d` would reduce or end `a`'s support (a lower cost a year, or an end).
bool Reduces(const v1::Decision& d, const v1::Allowance& a);

// What MakeDecision says: the day notice of the decision is given, its reasons and the
// conditions of support.
struct DecisionNotice {
  absl::CivilDay notice_date;
  std::string reasons;
  std::string conditions;
};

// Decides `d`, applying it to `a`: new amount and frequency, or ceased (END_POINT_DECISION)
// the day before the effective date. `scheduled` are `a`'s instalments already scheduled
// (any due day). Sets d.overpayment_pence to what those due from the effective date paid
// beyond the decided rate. Refused, changing nothing, by someone who proposed it
// (decision.not_the_proposer), before the period for representations ends when it reduces
// (decision.representation_period), and when the varied allowance would fail the gate
// (gate.*; approvals the scheme newly asks of a dearer allowance are given by the decider
// in the roles they hold).
absl::Status Decide(v1::Decision& d, v1::Allowance& a, const v1::AllowanceSettings& settings,
                    const std::vector<v1::LedgerEntry>& scheduled, const DecisionNotice& notice,
                    const Actor& by, absl::CivilDay today);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_DECISIONS_H_
