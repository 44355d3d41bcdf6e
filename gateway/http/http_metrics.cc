#include "gateway/http/http_metrics.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace assure::gateway {
std::string HttpVerbLabel(const std::string& method) {
  static const auto* const kKnown = new absl::flat_hash_set<std::string>{
      "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  return kKnown->contains(method) ? method : "other";
}

HttpMetrics::HttpMetrics(prometheus::Registry& registry)
    : requests_(prometheus::BuildCounter()
                    .Name("assure_gateway_http_requests_total")
                    .Help("HTTP/JSON requests at the gateway, by method, route and status.")
                    .Register(registry)),
      seconds_(prometheus::BuildHistogram()
                   .Name("assure_gateway_http_request_duration_seconds")
                   .Help("Latency of HTTP/JSON requests at the gateway, by method and route.")
                   .Register(registry)) {}

void HttpMetrics::Observe(const std::string& method, const std::string& route, int status,
                          double seconds) {
  const std::string code = std::to_string(status);
  const std::string verb = HttpVerbLabel(method);
  absl::MutexLock lock(&mu_);
  auto& counter = counters_[absl::StrCat(verb, " ", route, " ", code)];
  if (counter == nullptr) {
    counter = &requests_.Add({{"method", verb}, {"route", route}, {"code", code}});
  }
  counter->Increment();
  auto& histogram = histograms_[absl::StrCat(verb, " ", route)];
  if (histogram == nullptr) {
    histogram = &seconds_.Add({{"method", verb}, {"route", route}},
                              prometheus::Histogram::BucketBoundaries{
                                  .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10});
  }
  histogram->Observe(seconds);
}

}  // namespace assure::gateway
