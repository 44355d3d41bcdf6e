// The annual cycle of declarations (seed 002 adoption 10, 14): issued each year, a written
// reminder when one does not come back, and payment suspended 28 days after the reminder —
// never ceased: ending support is a decision with notice. Pure: the service's drift check
// asks StepDue of each declaration not back, on its injected clock.
#ifndef ASSURE_SERVICES_ALLOWANCES_DECLARATIONS_H_
#define ASSURE_SERVICES_ALLOWANCES_DECLARATIONS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// Calendar days from the written reminder to the suspension [law] (ASSR reg 12, SGR reg 10,
// unconfirmed): counted in days, so a bank holiday neither moves nor stops it.
inline constexpr int kSuspendAfterReminderDays = 28;

// A new declaration for `year`, issued on `issued`, its reminder due `reminder_days` later.
// FAILED_PRECONDITION (declaration.issue_date) when issued before the allowance could be paid
// for the year, or in the future.
absl::StatusOr<v1::Declaration> Issue(int year, absl::CivilDay issued, int reminder_days,
                                      absl::CivilDay today);

enum class DeclarationStep { kNone, kRemind, kLapse };

// What the cycle does with `d` on `today`: remind once the reminder is due, lapse (and
// suspend payment) once 28 days have passed since the reminder, nothing once it is back.
DeclarationStep StepDue(const v1::Declaration& d, absl::CivilDay today);

// The written reminder goes on `today`; the suspension is due 28 days later.
void Remind(v1::Declaration& d, absl::CivilDay today);
// Not back 28 days after the reminder: lapsed on `today`.
void Lapse(v1::Declaration& d, absl::CivilDay today);

// Back on `returned` with the changes the carers declared. Refused (declaration.state) once
// returned, and (declaration.return_date) before it was issued or after `today`.
absl::Status Return(v1::Declaration& d, absl::CivilDay returned, const std::string& changes,
                    absl::CivilDay today);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_DECLARATIONS_H_
