// The payment ledger's arithmetic and the rule for scheduling an instalment. Pure.
//
// Amounts are integer pence. An entry's amount carries its sign: what is owed to the carers
// (scheduled, arrears) is positive; what settles or cancels it (paid, suspended, ceased, an
// overpayment found) is negative, and what the carers repay or the authority writes off of
// an overpayment positive again, so an allowance's balance is always the plain sum of its
// entries.
#ifndef ASSURE_SERVICES_ALLOWANCES_LEDGER_H_
#define ASSURE_SERVICES_ALLOWANCES_LEDGER_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// `pence` (0 or more) with the sign its kind books it with.
int64_t Signed(v1::LedgerEntryKind kind, int64_t pence);

int64_t Balance(const std::vector<v1::LedgerEntry>& entries);

// The instalment of `a` due on `due` for `child`, or the rule that forbids it: the allowance
// active and through the gate, due within its period and before any end point, and a one-off
// paid once (`instalments_so_far` counts those already scheduled).
absl::StatusOr<v1::LedgerEntry> Instalment(const v1::Allowance& a, const v1::SupportedChild& child,
                                           const v1::AllowanceSettings& settings,
                                           absl::CivilDay due, int64_t instalments_so_far);

// What the finance system reported paying against `instruction` (a scheduled entry): booked
// against it, and marked `differs` when the amount or the code is not the instruction's.
v1::LedgerEntry Payment(const v1::LedgerEntry& instruction, const v1::PaymentReport& paid);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_LEDGER_H_
