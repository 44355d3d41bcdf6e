#include "services/allowances/money.h"

namespace assure::allowances {

int64_t PaymentsAYear(v1::Frequency frequency) {
  switch (frequency) {
    case v1::FREQUENCY_WEEKLY:
      return 52;
    case v1::FREQUENCY_FOUR_WEEKLY:
      return 13;
    case v1::FREQUENCY_MONTHLY:
      return 12;
    case v1::FREQUENCY_ONCE:
      return 1;
    default:
      return 0;
  }
}

int64_t AnnualCostPence(int64_t amount_pence, v1::Frequency frequency) {
  return amount_pence * PaymentsAYear(frequency);
}

}  // namespace assure::allowances
