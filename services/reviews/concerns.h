// Concerns an advocate raises with a child's IRO (DOMAIN, partners): acknowledged and answered
// within the authority's timescales, or taken up by the IRO as a formal challenge. Pure rules
// over the API's records.
#ifndef ASSURE_SERVICES_REVIEWS_CONCERNS_H_
#define ASSURE_SERVICES_REVIEWS_CONCERNS_H_

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/reviews/v1/resources.pb.h"
#include "services/common/working_days.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;

// [local] working days from the day a concern is raised.
struct ConcernTimescales {
  int acknowledge = 2;
  int answer = 10;
};

// FAILED_PRECONDITION naming the rule when the step is not allowed from the concern's state.
absl::Status CheckCanAcknowledge(const v1::Concern& c);  // concern.acknowledged_once
absl::Status CheckCanAnswer(const v1::Concern& c);       // concern.settled_once
absl::Status CheckCanChallenge(const v1::Concern& c);    // concern.challenged_once

// Sets the due dates from the day the concern was raised, under the timescales then in force.
void SetConcernDueDates(v1::Concern& c, const ConcernTimescales& timescales,
                        const WorkingDays& calendar);
// Fills the read-time field overdue.
void PresentConcern(v1::Concern& c, absl::CivilDay today);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_CONCERNS_H_
