// Starred recommendations (seed 002, IRO 1): a decision the IRO stars is reported to senior
// management with its due date as the deadline. It enters the problem resolution log (a
// dispute is opened for it) only if the deadline passes with the decision still open, and
// then once. Pure.
#ifndef ASSURE_SERVICES_REVIEWS_STARRED_H_
#define ASSURE_SERVICES_REVIEWS_STARRED_H_

#include <string>

#include "absl/time/civil_time.h"
#include "assure/reviews/v1/resources.pb.h"

namespace assure::reviews {

// Open, starred, not yet in the log, and its deadline was before `today`.
bool MissedStarredDeadline(const v1::Decision& decision, absl::CivilDay today);

// The dispute's concern: the recommendation, its owner and the deadline it missed.
std::string MissedDeadlineConcern(const v1::Decision& decision);

// The formal stage a missed starred recommendation enters the log at: the recommendation was
// the informal step.
inline constexpr int kMissedDeadlineStage = 1;

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_STARRED_H_
