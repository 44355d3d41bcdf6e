#include "services/reviews/kinds.h"

namespace assure::reviews {

std::optional<MeetingKind> KindFromProto(v1::ReviewKind kind) {
  switch (kind) {
    case v1::REVIEW_KIND_LAC_REVIEW: return MeetingKind::kLacReview;
    case v1::REVIEW_KIND_ADOPTION_REVIEW: return MeetingKind::kAdoptionReview;
    case v1::REVIEW_KIND_SHORT_BREAK_REVIEW: return MeetingKind::kShortBreakReview;
    case v1::REVIEW_KIND_CP_INITIAL_CONFERENCE: return MeetingKind::kCpInitialConference;
    case v1::REVIEW_KIND_CP_REVIEW_CONFERENCE: return MeetingKind::kCpReviewConference;
    case v1::REVIEW_KIND_CP_TRANSFER_IN_CONFERENCE: return MeetingKind::kCpTransferInConference;
    default: return std::nullopt;
  }
}

v1::ReviewKind KindToProto(MeetingKind kind) {
  switch (kind) {
    case MeetingKind::kLacReview: return v1::REVIEW_KIND_LAC_REVIEW;
    case MeetingKind::kAdoptionReview: return v1::REVIEW_KIND_ADOPTION_REVIEW;
    case MeetingKind::kShortBreakReview: return v1::REVIEW_KIND_SHORT_BREAK_REVIEW;
    case MeetingKind::kCpInitialConference: return v1::REVIEW_KIND_CP_INITIAL_CONFERENCE;
    case MeetingKind::kCpReviewConference: return v1::REVIEW_KIND_CP_REVIEW_CONFERENCE;
    case MeetingKind::kCpTransferInConference: return v1::REVIEW_KIND_CP_TRANSFER_IN_CONFERENCE;
  }
  return v1::REVIEW_KIND_UNSPECIFIED;
}

bool IsChildProtection(MeetingKind kind) {
  return kind == MeetingKind::kCpInitialConference || kind == MeetingKind::kCpReviewConference ||
         kind == MeetingKind::kCpTransferInConference;
}

const char* Label(MeetingKind kind) {
  switch (kind) {
    case MeetingKind::kLacReview: return "lac_review";
    case MeetingKind::kAdoptionReview: return "adoption_review";
    case MeetingKind::kShortBreakReview: return "short_break_review";
    case MeetingKind::kCpInitialConference: return "cp_initial_conference";
    case MeetingKind::kCpReviewConference: return "cp_review_conference";
    case MeetingKind::kCpTransferInConference: return "cp_transfer_in_conference";
  }
  return "unknown";
}

std::optional<int> PnCode(v1::Participation p) {
  if (p == v1::PARTICIPATION_UNSPECIFIED) return std::nullopt;
  return static_cast<int>(p) - 1;
}

}  // namespace assure::reviews
