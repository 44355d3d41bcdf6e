// Whether a child's recorded history can have happened. Every write that changes the facts
// (CreateChild, UpdateChild) or the meetings (RecordReview) is checked against the whole
// history it would leave, so no order of writes can record the impossible. Pure.
//
//   * a looked-after review was held within a period of care: not before it started (so a
//     period's start cannot move past a review already held in it) nor after it ended
//     (rule history.review_within_period_of_care);
//   * the meetings of one chain were held in the order they were numbered
//     (history.meetings_in_order);
//   * an adoption review follows authority to place (history.adoption_review_after_authority).
#ifndef ASSURE_SERVICES_REVIEWS_HISTORY_H_
#define ASSURE_SERVICES_REVIEWS_HISTORY_H_

#include <vector>

#include "absl/status/status.h"
#include "assure/reviews/v1/resources.pb.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;

// FAILED_PRECONDITION naming the first rule the history breaks; OK when it is possible.
// `reviews` are the child's meetings in creation order (their sequence numbers).
absl::Status CheckRecordedHistory(const v1::Child& child, const std::vector<v1::Review>& reviews);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_HISTORY_H_
