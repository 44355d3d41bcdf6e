// Webhook subscriptions' SQL: what a subscriber asked for, and how far its deliveries got.
#ifndef ASSURE_SERVICES_EVENTS_SUBSCRIPTION_STORE_H_
#define ASSURE_SERVICES_EVENTS_SUBSCRIPTION_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "assure/events/v1/events_service.pb.h"
#include "services/common/store/connection.h"

namespace assure::events {

using store::Connection;

// A subscription as its deliverer needs it: with its secret.
struct DueSubscription {
  std::string tenant;
  std::string id;
  std::string partner;
  std::string url;
  std::string secret;
  std::string filter;
  int64_t delivered_sequence = 0;
  int64_t attempts = 0;
};

class SubscriptionStore {
 public:
  // Saves a new subscription (its name set), starting after the tenant's feed as it is now.
  static absl::Status Insert(Connection& db, const std::string& tenant, const std::string& id,
                             const v1::Subscription& s);
  // The subscription (without its secret), or nullopt; a deleted one is not found.
  static absl::StatusOr<std::optional<v1::Subscription>> Load(Connection& db,
                                                              const std::string& tenant,
                                                              const std::string& id);
  // Those of `partner` ("" the authority's own), by name after `after`, at most `limit`.
  static absl::StatusOr<std::vector<v1::Subscription>> List(Connection& db,
                                                            const std::string& tenant,
                                                            const std::string& partner,
                                                            const std::string& after, int limit);
  static absl::Status Delete(Connection& db, const std::string& tenant, const std::string& id);

  // Claims up to `limit` subscriptions whose tenant's feed has moved past them and whose
  // retry time has come, until `lease_end` (so replicas do not send the same ones).
  static absl::StatusOr<std::vector<DueSubscription>> ClaimDue(Connection& db, absl::Time now,
                                                               absl::Time lease_end, int limit);
  // After a delivery up to `delivered` succeeded (or found nothing to send): released.
  static absl::Status Delivered(Connection& db, const DueSubscription& s, int64_t delivered);
  // After a delivery failed: tried again at `retry_at`.
  static absl::Status Failed(Connection& db, const DueSubscription& s, const std::string& error,
                             absl::Time retry_at);
};

}  // namespace assure::events

#endif  // ASSURE_SERVICES_EVENTS_SUBSCRIPTION_STORE_H_
