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
// without credentials or a fragment, and a host written as an address is a public one;
// secret is at least 16 bytes; filter parses.
absl::Status ValidateSubscription(const v1::Subscription& s, bool allow_http_loopback);

// Whether `ip` (IPv4 dotted or IPv6 text) is an address on the public internet. Webhooks go
// only there, so a subscriber's URL cannot reach what sits beside the suite: not loopback,
// private (RFC 1918, fc00::/7), shared (100.64/10), link-local (169.254/16 holds cloud
// metadata; fe80::/10), unspecified, multicast, or reserved and documentation ranges. An
// IPv4-mapped IPv6 address is judged as its IPv4. Not an address: false.
bool IsPublicAddress(absl::string_view ip);

// The X-Assure-Signature header's value for `body` sent at `at`.
std::string SignatureHeader(absl::string_view secret, absl::Time at, absl::string_view body);

// The wait before try `attempt` (1-based) of a delivery that failed: 1 s doubling to 10 min.
absl::Duration WebhookBackoff(int attempt);

}  // namespace assure::events

#endif  // ASSURE_SERVICES_EVENTS_WEBHOOK_RULES_H_
