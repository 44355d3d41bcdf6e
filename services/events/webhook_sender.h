// Pushes each subscription's events to its URL (webhook_rules.h says how they are signed):
// in feed order, a page at a time, each page until the subscriber answers 2xx, with retries
// backing off from 1 s to 10 min. A replica leases the subscriptions it is delivering, so
// replicas never send the same page at once; a replica that dies mid-delivery leaves its
// lease to lapse and another sends the page again, which the events' ids make harmless.
//
// Deliveries run one after another on the sender's thread, each bounded by `timeout`.
#ifndef ASSURE_SERVICES_EVENTS_WEBHOOK_SENDER_H_
#define ASSURE_SERVICES_EVENTS_WEBHOOK_SENDER_H_

#include "absl/time/time.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/store/store.h"
#include "services/common/wakeable_loop.h"
#include "services/events/subscription_store.h"

namespace assure::events {

struct WebhookOptions {
  // How often the sender looks for subscriptions behind their feed when nothing wakes it.
  absl::Duration poll = absl::Milliseconds(500);
  absl::Duration timeout = absl::Seconds(10);
  // Events a delivery carries at most.
  int page = 100;
  // Deliver to loopback and private addresses too: local testing only
  // (--allow_http_loopback_webhooks).
  bool private_addresses = false;
};

class WebhookSender {
 public:
  WebhookSender(store::Store& store, const Clock& clock, prometheus::Registry& registry,
                WebhookOptions options = {});
  ~WebhookSender() { Stop(); }

  void Start();
  void Stop();
  // Events were recorded: look now.
  void Wake();
  // Delivers to every subscription that is due until none is; returns how many deliveries
  // the subscribers accepted. The sender's thread calls it; tests may too.
  int DeliverDue();

 private:
  // One delivery for `s`: true when its subscriber took it (or there was nothing to send).
  bool DeliverOne(const DueSubscription& s);

  store::Store& store_;
  const Clock& clock_;
  const WebhookOptions options_;
  prometheus::Family<prometheus::Counter>& deliveries_;
  WakeableLoop loop_;
};

}  // namespace assure::events

#endif  // ASSURE_SERVICES_EVENTS_WEBHOOK_SENDER_H_
