#include "services/events/webhook_sender.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "services/events/feed_store.h"
#include "services/events/http_post.h"
#include "services/events/webhook_rules.h"

namespace assure::events {
namespace {

// {"events": [...]} in the proto3 JSON mapping, as ListEvents answers over HTTP.
std::string DeliveryBody(const std::vector<v1::Event>& events) {
  v1::ListEventsResponse page;
  for (const auto& e : events) *page.add_events() = e;
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  (void)google::protobuf::util::MessageToJsonString(page, &json, options);
  return json;
}

}  // namespace

WebhookSender::WebhookSender(store::Store& store, const Clock& clock,
                             prometheus::Registry& registry, WebhookOptions options)
    : store_(store),
      clock_(clock),
      options_(options),
      deliveries_(prometheus::BuildCounter()
                      .Name("assure_webhook_deliveries_total")
                      .Help("Webhook deliveries by outcome (accepted or failed).")
                      .Register(registry)),
      loop_(options_.poll, [this] { DeliverDue(); }) {
  deliveries_.Add({{"outcome", "accepted"}});
  deliveries_.Add({{"outcome", "failed"}});
}

void WebhookSender::Start() { loop_.Start(); }

void WebhookSender::Stop() { loop_.Stop(); }

void WebhookSender::Wake() { loop_.Wake(); }

int WebhookSender::DeliverDue() {
  int accepted = 0;
  while (!loop_.stopping()) {
    std::vector<DueSubscription> due;
    const absl::Time now = clock_.Now();
    auto st = store_.WriteAndWait(store::kAllTenants, [&](store::Tx& tx) -> absl::Status {
      auto claimed = SubscriptionStore::ClaimDue(tx.db(), now, now + options_.timeout * 2, 16);
      if (!claimed.ok()) return claimed.status();
      due = std::move(claimed).value();
      return absl::OkStatus();
    });
    if (!st.ok() || due.empty()) break;
    for (const auto& s : due) {
      if (loop_.stopping()) break;
      accepted += DeliverOne(s) ? 1 : 0;
    }
  }
  return accepted;
}

bool WebhookSender::DeliverOne(const DueSubscription& s) {
  std::vector<v1::Event> events;
  int64_t scanned = s.delivered_sequence;
  auto filter = ParseEventFilter(s.filter);
  auto st = store_.Read(s.tenant, [&](store::Connection& db) -> absl::Status {
    if (!filter.ok()) return filter.status();
    auto read = FeedStore::After(db, s.tenant, s.partner, s.delivered_sequence, options_.page,
                                 *filter, &scanned);
    if (!read.ok()) return read.status();
    events = std::move(read).value();
    return absl::OkStatus();
  });
  if (st.ok() && !events.empty()) {
    const std::string body = DeliveryBody(events);
    st = PostJson(s.url, body,
                  {{"X-Assure-Signature", SignatureHeader(s.secret, clock_.Now(), body)},
                   {"X-Assure-Subscription", absl::StrCat("subscriptions/", s.id)}},
                  options_.timeout, options_.private_addresses);
    deliveries_.Add({{"outcome", st.ok() ? "accepted" : "failed"}}).Increment();
  }
  const absl::Time retry_at = clock_.Now() + WebhookBackoff(static_cast<int>(s.attempts) + 1);
  auto settled = store_.WriteAndWait(s.tenant, [&](store::Tx& tx) {
    return st.ok() ? SubscriptionStore::Delivered(tx.db(), s, scanned)
                   : SubscriptionStore::Failed(tx.db(), s, std::string(st.message()), retry_at);
  });
  return st.ok() && settled.ok() && !events.empty();
}

}  // namespace assure::events
