// An authority's review settings as a resource (reviewSettings): the defaults, the rules a
// saved version must keep, and the Settings the rules read. Pure functions over value types.
#ifndef ASSURE_SERVICES_REVIEWS_REVIEW_SETTINGS_H_
#define ASSURE_SERVICES_REVIEWS_REVIEW_SETTINGS_H_

#include "absl/status/status.h"
#include "assure/reviews/v1/resources.pb.h"
#include "services/reviews/settings.h"

namespace assure::reviews {

inline constexpr char kReviewSettingsName[] = "reviewSettings";

// The guidance and the seeds' defaults, as an authority starts.
v1::ReviewSettings DefaultReviewSettings();

// A version saved before a field existed reads that field at its default.
void FillAddedFields(v1::ReviewSettings& settings);

// INVALID_ARGUMENT naming each field ("settings.<field>") and the rule it breaks; a
// departure from the guidance without departure_reason is one.
absl::Status ValidateReviewSettings(const v1::ReviewSettings& settings);

// What the schedule, lateness and participation rules read (of valid settings).
Settings SettingsOf(const v1::ReviewSettings& settings);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_REVIEW_SETTINGS_H_
