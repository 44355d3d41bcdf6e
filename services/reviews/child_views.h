// The child's views sent by an advocate before a meeting (DOMAIN, partners): sent only while
// the meeting is still to happen, and seen by whom the child allowed. Pure rules.
#ifndef ASSURE_SERVICES_REVIEWS_CHILD_VIEWS_H_
#define ASSURE_SERVICES_REVIEWS_CHILD_VIEWS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "assure/reviews/v1/resources.pb.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;

// FAILED_PRECONDITION (views.before_meeting) unless the meeting is still scheduled.
absl::Status CheckViewsBeforeMeeting(const v1::Review& meeting);

// Who reads views: the chair (IRO or manager) all of them; a provider's advocate its own
// provider's; other staff only those the child let be shared with the meeting. The list
// query narrows to these (service_child_views.cc).
enum class ViewsReader { kChair, kPartner, kOtherStaff };

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_CHILD_VIEWS_H_
