#include "gateway/backend_health.h"

#include "absl/strings/str_cat.h"
#include "services/common/health_client.h"

namespace assure::gateway {

BackendHealth::BackendHealth(const Routes& routes, std::vector<std::string> services,
                             absl::Duration period,
                             std::function<void(const std::string&, bool)> publish)
    : routes_(routes),
      services_(std::move(services)),
      publish_(std::move(publish)),
      ticker_(period, [this] { CheckAll(); }) {}

void BackendHealth::Start() { ticker_.Start(); }
void BackendHealth::Stop() { ticker_.Stop(); }

void BackendHealth::CheckAll() {
  for (const std::string& service : services_) {
    const Backend* backend = routes_.ForService(service);
    if (backend == nullptr) continue;  // not routed: not offered, so not the gateway's concern
    auto status = CheckHealth(backend->channel, service, absl::Milliseconds(500));
    const bool ok = status.ok() && *status == HealthStatus::kServing;
    {
      absl::MutexLock lock(&mu_);
      reachable_[service] = ok;
    }
    publish_(service, ok);
  }
}

std::pair<bool, std::string> BackendHealth::Snapshot() const {
  absl::MutexLock lock(&mu_);
  bool all = true;
  std::string json = R"({"services":{)";
  const char* sep = "";
  for (const auto& [service, ok] : reachable_) {
    all &= ok;
    absl::StrAppend(&json, sep, "\"", service, "\":\"", ok ? "SERVING" : "UNREACHABLE", "\"");
    sep = ",";
  }
  json += "}}";
  return {all, json};
}

}  // namespace assure::gateway
