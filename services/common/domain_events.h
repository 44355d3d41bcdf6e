// What a change tells the suite's event feed (services/events). The event is written to the
// sender's outbox in the change's own transaction, so it exists exactly when the change
// does, and reaches the feed however often either side restarts; the outbox message id is
// the event's id, which the feed records once.
//
//   ASSURE_RETURN_IF_ERROR(PublishEvent(outbox_, tx, who,
//       {"reviews.review.moved", review.name(), ChildName(child)}, clock_.Now()));
#ifndef ASSURE_SERVICES_COMMON_DOMAIN_EVENTS_H_
#define ASSURE_SERVICES_COMMON_DOMAIN_EVENTS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/common/outbox.h"
#include "services/common/principal.h"
#include "services/common/store/store.h"

namespace assure {

inline constexpr char kRecordEventMethod[] = "/assure.events.v1.EventIntakeService/RecordEvent";

struct DomainEvent {
  // "{service}.{resource}.{verb}", e.g. "reviews.review.moved".
  std::string type;
  // The resource it happened to, by its API name.
  std::string subject;
  // "children/{child}" when it is about a child.
  std::string child = {};
  // The partner organisation it concerns, if any (a referral's provider).
  std::string partner = {};
};

// Does nothing where --routes names no events service (a suite run without the feed).
absl::Status PublishEvent(Outbox& outbox, store::Tx& tx, const Principal& who,
                          const DomainEvent& event, absl::Time now);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_DOMAIN_EVENTS_H_
