// Resource names of the reviews API, parsed and built in one place, beside the protos so
// that any component (the reviews service, a service that refers to its resources, a
// client) uses the same grammar without linking another service's code.
//   children/{child}
//   children/{child}/reviews/{review}
//   children/{child}/reviews/{review}/decisions/{decision}
//   children/{child}/notifications/{notification}
//   children/{child}/referrals/{referral}
//   children/{child}/concerns/{concern}
//   children/{child}/reviews/{review}/views/{views}
//   iros/{iro}
// {review} and {decision} are sequence numbers within their parent; "-" in a List parent
// means "any".
#ifndef ASSURE_PROTOS_ASSURE_REVIEWS_V1_NAMES_H_
#define ASSURE_PROTOS_ASSURE_REVIEWS_V1_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/resource_ids.h"

namespace assure::reviews {

struct ReviewName {
  std::string child;
  int64_t review = 0;  // 0 for "-"
};
struct NotificationName {
  std::string child;
  int64_t notification = 0;
};
struct ReferralName {
  std::string child;
  int64_t referral = 0;
};
struct ConcernName {
  std::string child;
  int64_t concern = 0;
};
struct ChildViewsName {
  std::string child;
  int64_t review = 0;
  int64_t views = 0;
};
struct DecisionName {
  std::string child;
  int64_t review = 0;
  int64_t decision = 0;
};

// Each returns INVALID_ARGUMENT naming `field` when the name is malformed.
absl::StatusOr<std::string> ParseChildName(absl::string_view name, absl::string_view field);
absl::StatusOr<std::string> ParseIroName(absl::string_view name, absl::string_view field);
absl::StatusOr<ReviewName> ParseReviewName(absl::string_view name, absl::string_view field,
                                           bool allow_wildcard = false);
absl::StatusOr<DecisionName> ParseDecisionName(absl::string_view name, absl::string_view field,
                                               bool allow_wildcard = false);
absl::StatusOr<NotificationName> ParseNotificationName(absl::string_view name,
                                                       absl::string_view field);
absl::StatusOr<ReferralName> ParseReferralName(absl::string_view name, absl::string_view field);
absl::StatusOr<ConcernName> ParseConcernName(absl::string_view name, absl::string_view field);
absl::StatusOr<ChildViewsName> ParseChildViewsName(absl::string_view name,
                                                   absl::string_view field);
// A List parent "children/{child|-}": "" for "-".
absl::StatusOr<std::string> ParseChildParent(absl::string_view name, absl::string_view field);

std::string ChildName(absl::string_view child);
std::string IroName(absl::string_view iro);
std::string ReviewNameOf(absl::string_view child, int64_t review);
std::string DecisionNameOf(absl::string_view child, int64_t review, int64_t decision);
std::string NotificationNameOf(absl::string_view child, int64_t notification);
std::string ReferralNameOf(absl::string_view child, int64_t referral);
std::string ConcernNameOf(absl::string_view child, int64_t concern);
std::string ChildViewsNameOf(absl::string_view child, int64_t review, int64_t views);

}  // namespace assure::reviews

#endif  // ASSURE_PROTOS_ASSURE_REVIEWS_V1_NAMES_H_
