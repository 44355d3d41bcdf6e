// The worklist: where a meeting still to be held stands today. Pure.
//
// A scheduled meeting is overdue once today is past its due date, and due soon from the
// authority's window of working days before it (so a window over Christmas reaches further
// in calendar days). Held and cancelled meetings are neither.
#ifndef ASSURE_SERVICES_REVIEWS_WORKLIST_H_
#define ASSURE_SERVICES_REVIEWS_WORKLIST_H_

#include "absl/time/civil_time.h"
#include "services/common/working_days.h"

namespace assure::reviews {

struct WorklistFlags {
  bool overdue = false;
  bool due_soon = false;
};

// The last due day that counts as due soon today: `window` working days on.
absl::CivilDay DueSoonUntil(absl::CivilDay today, int window_working_days,
                            const WorkingDays& calendar);

// A meeting still to be held, due on `due`.
WorklistFlags FlagsOf(absl::CivilDay due, absl::CivilDay today, int window_working_days,
                      const WorkingDays& calendar);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_WORKLIST_H_
