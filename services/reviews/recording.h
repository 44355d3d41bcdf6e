// Rules for recording a held meeting. Pure.
#ifndef ASSURE_SERVICES_REVIEWS_RECORDING_H_
#define ASSURE_SERVICES_REVIEWS_RECORDING_H_

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "services/common/working_days.h"
#include "services/reviews/settings.h"

namespace assure::reviews {

// Whole years of age on `day` (a 29 February birthday falls on 1 March in common years).
int AgeOn(absl::CivilDay birth, absl::CivilDay day);

// The date that counts as held: the first part, or the second when the setting says so.
absl::CivilDay EffectiveDate(absl::CivilDay held, std::optional<absl::CivilDay> completed,
                             const Settings& settings);

// Late if the counted date is after the due date, or a two-part review completed after its
// allowed span.
bool IsLate(absl::CivilDay held, std::optional<absl::CivilDay> completed, absl::CivilDay due,
            const WorkingDays& calendar, const Settings& settings);

// SSDA903: PN0 is for a child under 4 at the review and only then. Returns what is wrong,
// or nullopt. `code` is 0-7.
std::optional<std::string> ParticipationProblem(int code, absl::CivilDay birth,
                                                absl::CivilDay review_day);

// Counted in the participation rate's denominator: every code except PN0.
inline bool CountsForParticipation(int code) { return code != 0; }
bool Participated(int code, const Settings& settings);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_RECORDING_H_
