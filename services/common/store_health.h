// Keeps a server's health in step with its store: NOT_SERVING while the database cannot be
// reached or refuses writes (so load balancers and readiness probes send calls elsewhere),
// SERVING again within a probe of its return. Exported as assure_store_up.
//
// Stop it before the server shuts down, so that it never turns a draining server back on.
#ifndef ASSURE_SERVICES_COMMON_STORE_HEALTH_H_
#define ASSURE_SERVICES_COMMON_STORE_HEALTH_H_

#include "absl/time/time.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/common/server.h"
#include "services/common/store/store.h"
#include "services/common/ticker.h"

namespace assure {

class StoreHealth {
 public:
  StoreHealth(store::Store& store, Server& server, prometheus::Registry& registry,
              absl::Duration period = absl::Seconds(1));
  // Probes once, sets health, then keeps probing every period.
  void Start();
  void Stop();
  // One probe: the store's state now, reported to the server and the gauge.
  bool Check();

 private:
  store::Store& store_;
  Server& server_;
  prometheus::Gauge& up_;
  Ticker ticker_;
  bool last_ = true;  // only the ticker's thread (or Start, before it) touches it
};

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_STORE_HEALTH_H_
