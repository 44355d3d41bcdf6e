// Money, in integer pence and nothing else: what an allowance costs a year. Pure.
#ifndef ASSURE_SERVICES_ALLOWANCES_MONEY_H_
#define ASSURE_SERVICES_ALLOWANCES_MONEY_H_

#include <cstdint>

#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// The largest single payment accepted: £100,000. Far above any allowance, and small enough
// that no sum of a ledger's entries can overflow.
inline constexpr int64_t kMaxPaymentPence = 10'000'000;

// Payments a year: 52 weekly, 13 four-weekly, 12 monthly, 1 once.
int64_t PaymentsAYear(v1::Frequency frequency);

// What `amount_pence` at `frequency` costs in a year, in pence.
int64_t AnnualCostPence(int64_t amount_pence, v1::Frequency frequency);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_MONEY_H_
