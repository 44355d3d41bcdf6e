// Reading the domain's value types out of the API's records: a child's history for the
// schedule, and the facts derived from a child record.
#ifndef ASSURE_SERVICES_REVIEWS_CHILD_FACTS_H_
#define ASSURE_SERVICES_REVIEWS_CHILD_FACTS_H_

#include <optional>
#include <vector>

#include "absl/time/civil_time.h"
#include "assure/reviews/v1/resources.pb.h"
#include "services/reviews/allocation.h"
#include "services/reviews/schedule.h"
#include "services/reviews/settings.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;

// The day a period of care counts from: its start date, or for s20 the day accommodation
// passed 24 hours (nullopt if it never did).
std::optional<absl::CivilDay> LookedAfterDay(const v1::PeriodOfCare& period);

// Has an open period of care.
bool IsLookedAfter(const v1::Child& child);
// Was looked after on `day`: a period counting from it or before and not ended by it.
bool LookedAfterOn(const v1::Child& child, absl::CivilDay day);
// The child's child protection episodes, oldest first: its episodes, or the one episode the
// single-episode fields describe.
std::vector<CpEpisode> EpisodesOf(const v1::ChildProtection& cp);
// Has child protection enquiries or a plan in progress (the current episode has not ended).
bool InChildProtection(const v1::Child& child);
inline bool NeedsIro(const v1::Child& child) {
  return IsLookedAfter(child) || InChildProtection(child);
}
// Who works on the case and who manages them (CPPCR reg 46).
CaseStaff CaseStaffOf(const v1::Child& child);
// The day the open period of care counts from, if any.
std::optional<absl::CivilDay> CurrentLookedAfterDay(const v1::Child& child);

// Fills output-only fields derived from the record itself (looked_after, each period's
// looked_after_date, each child protection episode's repeat plan flags).
void DeriveChildFields(v1::Child& child);

// The child's history as the schedule rules see it; `reviews` are all its meetings (only
// held ones count), `except_seq` leaves one out (the meeting whose own due date is asked).
ChildHistory HistoryOf(const v1::Child& child, const std::vector<v1::Review>& reviews,
                       const Settings& settings, const std::string& except_name = "");

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_CHILD_FACTS_H_
