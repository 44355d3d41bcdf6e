// The feed's rules, pure: what makes an event well formed, which partners an event is shown
// to, how a referral event changes who is referred, and the feed's filter.
#ifndef ASSURE_SERVICES_EVENTS_FEED_RULES_H_
#define ASSURE_SERVICES_EVENTS_FEED_RULES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "assure/events/v1/events_service.pb.h"

namespace assure::events {

// INVALID_ARGUMENT naming the field unless: type is "{service}.{resource}.{verb}" in
// lower-case letters, digits and '_'; subject is given; child, when given, is "children/*";
// partner is a partner code; occur_time is set; source is a service's name and
// source_sequence at least 1.
absl::Status ValidateEvent(const v1::RecordEventRequest& req);

// How a referral event changes the referrals the feed knows to be open.
enum class ReferralChange { kNone, kOpens, kCloses };
ReferralChange ReferralChangeOf(absl::string_view type);

// The partners shown an event: those with an open referral for its child at the time,
// and the partner it concerns. Sorted, without repeats.
std::vector<std::string> AudienceOf(const v1::Event& event,
                                    std::vector<std::string> referred_partners);

// The feed's filter: type and child, each optional.
struct EventFilter {
  std::string type;
  std::string child;
};
// INVALID_ARGUMENT naming filter for any other field or a malformed value.
absl::StatusOr<EventFilter> ParseEventFilter(absl::string_view filter);
bool Matches(const EventFilter& filter, const v1::Event& event);

}  // namespace assure::events

#endif  // ASSURE_SERVICES_EVENTS_FEED_RULES_H_
