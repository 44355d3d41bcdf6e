#include "services/reviews/child_views.h"

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace assure::reviews {

absl::Status CheckViewsBeforeMeeting(const v1::Review& meeting) {
  if (meeting.state() == v1::REVIEW_STATE_SCHEDULED) return absl::OkStatus();
  return FailedRule("views.before_meeting",
                    absl::StrCat(meeting.name(), " is ", v1::ReviewState_Name(meeting.state()),
                                 ": the child's views go to a meeting still to happen"));
}

}  // namespace assure::reviews
