// The gRPC handlers of the feed: assure.events.v1.EventsService for readers (through the
// gateway) and assure.events.v1.EventIntakeService for the suite's outboxes (internal only).
// Each handler admits the caller and validates the request; the intake records through the
// store's shared transaction and answers after the commit, then wakes the watchers.
#ifndef ASSURE_SERVICES_EVENTS_SERVICE_H_
#define ASSURE_SERVICES_EVENTS_SERVICE_H_

#include <functional>
#include <string>

#include "assure/events/v1/events_service.grpc.pb.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/figures.h"
#include "services/common/principal.h"
#include "services/common/store/store.h"
#include "services/events/feed_tail.h"

namespace assure::events {

struct FeedOptions {
  // WatchEvents calls served at once by this process.
  int max_watchers = 2000;
  // Webhooks to http:// on this machine, for local testing; otherwise https only.
  bool allow_http_loopback_webhooks = false;
};

class EventsService final : public v1::EventsService::CallbackService {
 public:
  static constexpr char kName[] = "assure.events.v1.EventsService";

  EventsService(store::Store& store, FeedTail& tail, const Clock& clock, FeedOptions options);

  grpc::ServerUnaryReactor* ListEvents(grpc::CallbackServerContext* ctx,
                                       const v1::ListEventsRequest* req,
                                       v1::ListEventsResponse* out) override;
  grpc::ServerWriteReactor<v1::Event>* WatchEvents(grpc::CallbackServerContext* ctx,
                                                   const v1::WatchEventsRequest* req) override;

  // Webhook subscriptions (service_subscriptions.cc).
  grpc::ServerUnaryReactor* CreateSubscription(grpc::CallbackServerContext* ctx,
                                               const v1::CreateSubscriptionRequest* req,
                                               v1::Subscription* out) override;
  grpc::ServerUnaryReactor* GetSubscription(grpc::CallbackServerContext* ctx,
                                            const v1::GetSubscriptionRequest* req,
                                            v1::Subscription* out) override;
  grpc::ServerUnaryReactor* ListSubscriptions(grpc::CallbackServerContext* ctx,
                                              const v1::ListSubscriptionsRequest* req,
                                              v1::ListSubscriptionsResponse* out) override;
  grpc::ServerUnaryReactor* DeleteSubscription(grpc::CallbackServerContext* ctx,
                                               const v1::DeleteSubscriptionRequest* req,
                                               google::protobuf::Empty* out) override;

 private:
  // The caller's subscription `name` (NOT_FOUND for another's, as for none).
  absl::StatusOr<v1::Subscription> OwnSubscription(store::Connection& db, const Principal& who,
                                                   const std::string& name) const;

  store::Store& store_;
  FeedTail& tail_;
  const Clock& clock_;
  const FeedOptions options_;
};

// Events recorded but held until an earlier event of their source arrives, per tenant. One
// that stays above 0 means a sender's event message was refused for good, leaving a gap its
// later events wait behind (alert AssureEventsHeld).
inline constexpr char kHeldFigure[] = "assure_events_held";
// The feed's figures, for Server::AddCollectable.
std::shared_ptr<Figures> FeedFigures(store::Store& store, const Clock& clock);

class EventIntakeService final : public v1::EventIntakeService::CallbackService {
 public:
  static constexpr char kName[] = "assure.events.v1.EventIntakeService";

  // `recorded` runs once an event of `tenant` is durable in the feed (to wake its readers).
  EventIntakeService(store::Store& store, const Clock& clock, prometheus::Registry& registry,
                     std::function<void(const std::string& tenant)> recorded);

  grpc::ServerUnaryReactor* RecordEvent(grpc::CallbackServerContext* ctx,
                                        const v1::RecordEventRequest* req,
                                        v1::RecordEventResponse* out) override;

 private:
  store::Store& store_;
  const Clock& clock_;
  prometheus::Counter& counted_;
  const std::function<void(const std::string&)> recorded_;
};

}  // namespace assure::events

#endif  // ASSURE_SERVICES_EVENTS_SERVICE_H_
