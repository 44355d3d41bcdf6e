// Watches every backend's grpc.health.v1 status, so the gateway's own health reports which
// public services are reachable (per service name over gRPC, and as JSON at /healthz).
#ifndef ASSURE_GATEWAY_BACKEND_HEALTH_H_
#define ASSURE_GATEWAY_BACKEND_HEALTH_H_

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/routes.h"
#include "services/common/ticker.h"

namespace assure::gateway {

class BackendHealth {
 public:
  // `publish` is told each service's reachability after every round of checks.
  BackendHealth(const Routes& routes, std::vector<std::string> services, absl::Duration period,
                std::function<void(const std::string&, bool)> publish);
  void Start();
  void Stop();
  // Checks every backend once, now.
  void CheckAll();
  // All reachable, and {"services":{"name":"SERVING"|"UNREACHABLE"}}.
  std::pair<bool, std::string> Snapshot() const;

 private:
  const Routes& routes_;
  const std::vector<std::string> services_;
  std::function<void(const std::string&, bool)> publish_;
  Ticker ticker_;
  mutable absl::Mutex mu_;
  std::map<std::string, bool> reachable_ ABSL_GUARDED_BY(mu_);
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_BACKEND_HEALTH_H_
