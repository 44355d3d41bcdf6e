#include "services/reviews/worklist.h"

namespace assure::reviews {

absl::CivilDay DueSoonUntil(absl::CivilDay today, int window_working_days,
                            const WorkingDays& calendar) {
  return calendar.AddWorkingDays(today, window_working_days);
}

WorklistFlags FlagsOf(absl::CivilDay due, absl::CivilDay today, int window_working_days,
                      const WorkingDays& calendar) {
  WorklistFlags flags;
  flags.overdue = today > due;
  flags.due_soon = !flags.overdue && due <= DueSoonUntil(today, window_working_days, calendar);
  return flags;
}

}  // namespace assure::reviews
