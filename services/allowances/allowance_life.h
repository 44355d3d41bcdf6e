// An allowance's life, draft -> approved -> active <-> suspended -> ceased: each step a pure
// function over the stored allowance that changes it or fails naming the rule, and changes
// nothing when it fails.
#ifndef ASSURE_SERVICES_ALLOWANCES_ALLOWANCE_LIFE_H_
#define ASSURE_SERVICES_ALLOWANCES_ALLOWANCE_LIFE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// Who takes a step, and when.
struct Actor {
  std::string subject;
  std::vector<std::string> roles;
  absl::Time now;
};

absl::Status RecordPaperwork(v1::Allowance& a, const v1::Paperwork& p);
// Active or suspended: what the annual cycle, decisions and the controls look at.
bool IsPaying(const v1::Allowance& a);

// Before approval the basis of the decision changed: approvals given on the old one no
// longer stand. A paying allowance reassessed stays as it is: an award below its amount
// makes the gate refuse its instalments until a decision with notice reduces it.
absl::Status RecordAssessment(v1::Allowance& a, const v1::FinancialAssessment& f);

// An approval in `role`, which the caller holds and the scheme asks for; never the
// preparer's (approval.not_the_preparer). Approved once none is missing.
absl::Status Approve(v1::Allowance& a, const v1::AllowanceSettings& settings,
                     const std::string& role, const Actor& by);

// Through the payment gate, from approved.
absl::Status Activate(v1::Allowance& a, const v1::AllowanceSettings& settings);

absl::Status Suspend(v1::Allowance& a, v1::SuspensionReason reason, const std::string& note,
                     const Actor& by);

// Back to active through the gate again (a declaration may have lapsed meanwhile).
absl::Status Resume(v1::Allowance& a, const v1::AllowanceSettings& settings);

// Stopped for good at `end_point`, which must hold for `child` on `end_date`.
absl::Status Cease(v1::Allowance& a, const v1::SupportedChild& child, v1::EndPoint end_point,
                   absl::CivilDay end_date, const std::string& note, const Actor& by);

// Ended by a decision with notice (decisions.h), the last day paid for `last_day`.
absl::Status EndByDecision(v1::Allowance& a, absl::CivilDay last_day, const std::string& reasons,
                           const Actor& by);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_ALLOWANCE_LIFE_H_
