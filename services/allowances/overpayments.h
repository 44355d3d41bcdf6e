// Overpayments: recovery is a recorded, notified decision [law: discretionary]; what is
// recovered is tracked to zero (seed 002 adoption 5, 13); a write-off is approved by someone
// other than who decided the recovery. Pure: each returns the ledger entry to book, or the
// rule that refuses it, changing nothing.
#ifndef ASSURE_SERVICES_ALLOWANCES_OVERPAYMENTS_H_
#define ASSURE_SERVICES_ALLOWANCES_OVERPAYMENTS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "assure/allowances/v1/resources.pb.h"
#include "services/allowances/allowance_life.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// The overpayment found by a decision: booked against the allowance (negative), and owed.
v1::LedgerEntry Overpayment(v1::Allowance& a, int64_t pence, absl::CivilDay on);

absl::Status DecideRecovery(v1::Allowance& a, bool recover, const std::string& reasons,
                            absl::CivilDay notice_date, const Actor& by, absl::CivilDay today);

// `pence` repaid or recouped, once recovery is decided, never more than is owed.
absl::StatusOr<v1::LedgerEntry> Recoup(v1::Allowance& a, int64_t pence, absl::CivilDay on);

// `pence` of what is owed written off, by someone other than who decided the recovery.
absl::StatusOr<v1::LedgerEntry> WriteOff(v1::Allowance& a, int64_t pence, const Actor& by,
                                         absl::CivilDay on);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_OVERPAYMENTS_H_
