// HTTP requests at the gateway by route (the path template, so the label stays small),
// method (a standard verb, or "other") and status, and their latency.
//   assure_gateway_http_requests_total{method,route,code}
//   assure_gateway_http_request_duration_seconds{method,route}
#ifndef ASSURE_GATEWAY_HTTP_HTTP_METRICS_H_
#define ASSURE_GATEWAY_HTTP_HTTP_METRICS_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace assure::gateway {

// A standard verb as itself; one a caller made up as "other", so no caller can create series
// or put text of its own in a log line.
std::string HttpVerbLabel(const std::string& method);

class HttpMetrics {
 public:
  explicit HttpMetrics(prometheus::Registry& registry);
  void Observe(const std::string& method, const std::string& route, int status, double seconds);

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& seconds_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, prometheus::Counter*> counters_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, prometheus::Histogram*> histograms_ ABSL_GUARDED_BY(mu_);
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_HTTP_HTTP_METRICS_H_
