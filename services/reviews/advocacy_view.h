// What an advocacy provider sees of a child referred to it (DOMAIN, partners): the child's
// age, when and where its meetings are and what moved or cancelled them, and how to reach its
// IRO. Pure functions over the API's records.
#ifndef ASSURE_SERVICES_REVIEWS_ADVOCACY_VIEW_H_
#define ASSURE_SERVICES_REVIEWS_ADVOCACY_VIEW_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "assure/reviews/v1/resources.pb.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;

// "HH:MM" on the 24-hour clock.
bool IsClockTime(absl::string_view text);

// Full years from `birth` to `today`.
int AgeInYears(absl::CivilDay birth, absl::CivilDay today);

// Adds a reschedule to `after` when a planned date or time that `before` had set changes
// (setting one for the first time moves nothing).
void NoteReschedule(const v1::Review& before, v1::Review& after, const std::string& by,
                    absl::Time now);

v1::AdvocacyView BuildAdvocacyView(const v1::Child& child, const std::vector<v1::Review>& reviews,
                                   const std::optional<v1::Iro>& iro, absl::CivilDay today);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_ADVOCACY_VIEW_H_
