// The monthly update cycle (audit tools such as Pentana work this way): the officers of each
// open action due within the authority's window, or overdue, are asked for an update once a
// month unless they gave one this month, reminded every few days until they answer, and the
// plan's owner is told when no answer comes; an overdue High-priority action is escalated
// to the plan's owner once for each target date it misses. Pure.
#ifndef ASSURE_SERVICES_ACTIONPLANS_UPDATE_CYCLE_H_
#define ASSURE_SERVICES_ACTIONPLANS_UPDATE_CYCLE_H_

#include <string>

#include "absl/time/civil_time.h"
#include "assure/actionplans/v1/resources.pb.h"

namespace assure::actionplans {

namespace v1 = ::assure::actionplans::v1;

enum class CycleStep { kNone, kAsk, kRemind, kEscalate };

// "yyyy-mm" of `day`: a request's id.
std::string MonthOf(absl::CivilDay day);

// Open and due by `today` + window days (overdue included).
bool InUpdateWindow(const v1::Action& a, absl::CivilDay today, int window_days);

// What the cycle does today for `a`, whose newest request is `latest` (null if never asked).
CycleStep NextStep(const v1::Action& a, const v1::UpdateRequest* latest,
                   const v1::ActionPlanSettings& settings, absl::CivilDay today);

// The month's request for `a` (named `name`), asked today of its officers.
v1::UpdateRequest Ask(const v1::Action& a, const std::string& name, absl::CivilDay today);
void Remind(v1::UpdateRequest& r, absl::CivilDay today);
void Escalate(v1::UpdateRequest& r, const std::string& plan_owner, absl::CivilDay today);
// An open request answered by the update `update`.
void Answer(v1::UpdateRequest& r, const std::string& update);

// Whether an open request is past its first reminder: the officers owe an update.
bool UpdateOverdue(const v1::UpdateRequest& r, const v1::ActionPlanSettings& settings,
                   absl::CivilDay today);

// A High-priority action past its target date not yet escalated for that date.
bool HighOverdueToEscalate(const v1::Action& a, absl::CivilDay today);
void EscalateOverdue(v1::Action& a, const std::string& plan_owner, absl::CivilDay today);

}  // namespace assure::actionplans

#endif  // ASSURE_SERVICES_ACTIONPLANS_UPDATE_CYCLE_H_
