// The mapping between the API's enums and the domain's, in one place.
#ifndef ASSURE_SERVICES_REVIEWS_KINDS_H_
#define ASSURE_SERVICES_REVIEWS_KINDS_H_

#include <optional>

#include "assure/reviews/v1/resources.pb.h"
#include "services/reviews/schedule.h"

namespace assure::reviews {

namespace v1 = ::assure::reviews::v1;

std::optional<MeetingKind> KindFromProto(v1::ReviewKind kind);
v1::ReviewKind KindToProto(MeetingKind kind);
bool IsChildProtection(MeetingKind kind);
// Every kind, for what is counted per kind (metrics created at 0).
inline constexpr MeetingKind kAllMeetingKinds[] = {
    MeetingKind::kLacReview,           MeetingKind::kAdoptionReview,
    MeetingKind::kShortBreakReview,    MeetingKind::kCpInitialConference,
    MeetingKind::kCpReviewConference,  MeetingKind::kCpTransferInConference,
};
// "lac_review", ... for metric labels and logs.
const char* Label(MeetingKind kind);

// SSDA903 PN code 0-7 from the API enum, or nullopt when unset.
std::optional<int> PnCode(v1::Participation p);
inline v1::Participation ParticipationFromPn(int code) {
  return static_cast<v1::Participation>(code + 1);
}

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_KINDS_H_
