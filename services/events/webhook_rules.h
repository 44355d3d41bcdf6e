// Webhooks' rules, pure: what a subscription may be, how a delivery is signed, and when a
// failed one is tried again.
//
// A delivery is an HTTP POST of {"events": [...]} (each event as ListEvents gives it) with
//   X-Assure-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
// so the receiver checks the body came from the feed and is fresh (refuse an old t), and
// uses each event's event_id to handle a delivery repeated after a lost answer once.
#ifndef ASSURE_SERVICES_EVENTS_WEBHOOK_RULES_H_
#define ASSURE_SERVICES_EVENTS_WEBHOOK_RULES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "assure/events/v1/events_service.pb.h"

namespace assure::events {

inline constexpr size_t kMinSecretBytes = 16;

// INVALID_ARGUMENT naming the field unless: url is https://host[:port][/path] (or, when
// `allow_http_loopback`, http:// to 127.0.0.1, [::1] or localhost, for local testing),
// without credentials or a fragment; secret is at least 16 bytes; filter parses.
absl::Status ValidateSubscription(const v1::Subscription& s, bool allow_http_loopback);

// The X-Assure-Signature header's value for `body` sent at `at`.
std::string SignatureHeader(absl::string_view secret, absl::Time at, absl::string_view body);

// The wait before try `attempt` (1-based) of a delivery that failed: 1 s doubling to 10 min.
absl::Duration WebhookBackoff(int attempt);

}  // namespace assure::events

#endif  // ASSURE_SERVICES_EVENTS_WEBHOOK_RULES_H_
