// The Performance Board's figures for disputes, prefixed assure_disputes_, kept current as
// disputes change (after each commit) and never computed by scanning tables at scrape time.
//
//   assure_disputes_open{tenant,stage}                  gauge   ("2 service_manager")
//   assure_disputes_overdue_stages{tenant,stage}        gauge   (stages past their limit)
//   assure_disputes_raised_total{tenant,theme}          counter
//   assure_disputes_resolved_total{tenant,outcome}      counter
//   assure_disputes_withdrawn_total{tenant}             counter
//   assure_disputes_time_to_resolve_seconds{tenant}     histogram (raised to resolved)
#ifndef ASSURE_SERVICES_DISPUTES_METRICS_H_
#define ASSURE_SERVICES_DISPUTES_METRICS_H_

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "services/disputes/store.h"

namespace assure::disputes {

class DisputesMetrics {
 public:
  explicit DisputesMetrics(prometheus::Registry& registry);

  // Reads the open disputes once at start.
  absl::Status Load(Connection& db);
  // A dispute changed from `before` (null when new) to `after`, and the change committed.
  void Changed(const std::string& tenant, const v1::Dispute* before, const v1::Dispute& after);

 private:
  void Count(const std::string& tenant, const v1::Dispute& d, double sign)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  prometheus::Family<prometheus::Gauge>& open_;
  prometheus::Family<prometheus::Gauge>& overdue_;
  prometheus::Family<prometheus::Counter>& raised_;
  prometheus::Family<prometheus::Counter>& resolved_;
  prometheus::Family<prometheus::Counter>& withdrawn_;
  prometheus::Family<prometheus::Histogram>& time_to_resolve_;
  absl::Mutex mu_;
};

}  // namespace assure::disputes

#endif  // ASSURE_SERVICES_DISPUTES_METRICS_H_
