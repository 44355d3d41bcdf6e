// The payment gate: every control an allowance must pass before a periodic payment is
// scheduled (seed 002 adoption 1, 11, 12; SGO/ROA 1, 2), each refusal naming its rule.
// Pure: the allowance and the authority's settings in, the refusals out.
#ifndef ASSURE_SERVICES_ALLOWANCES_GATE_H_
#define ASSURE_SERVICES_ALLOWANCES_GATE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

struct GateRefusal {
  // e.g. "gate.signed_agreement"
  std::string rule;
  std::string description;
};

// The approvals the scheme of delegation asks of `a` and not yet given, by role.
std::vector<std::string> MissingApprovals(const v1::Allowance& a,
                                          const v1::AllowanceSettings& settings);

// Every control `a` fails, in the order a finance officer checks them: conditions agreed
// [law], signed agreement, forms, financial assessment, the amount within it and within the
// authority's rate, the ledger code, approvals. Empty when payment may be scheduled.
std::vector<GateRefusal> PaymentGate(const v1::Allowance& a, const v1::AllowanceSettings& settings);

// FAILED_PRECONDITION naming the first refusal's rule and describing every one; OK when
// there are none.
absl::Status GateStatus(const std::vector<GateRefusal>& refusals);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_GATE_H_
