// The Performance Board's figures for disputes, prefixed assure_disputes_.
//
// State is kept in the store (services/common/figures.h), changed in the same transaction
// as the dispute, and exported identically by every replica (aggregate with max):
//   assure_disputes_open{tenant,stage}                  gauge   ("2 service_manager")
//   assure_disputes_overdue_stages{tenant,stage}        gauge   (stages past their limit)
//   assure_disputes_formal{tenant}                      gauge   (in the formal process)
//   assure_disputes_past_formal_limit{tenant}           gauge   (past its 20 working days)
//
// Events are per-process, counted once the change commits (sum them with increase()):
//   assure_disputes_raised_total{tenant,theme}          counter
//   assure_disputes_resolved_total{tenant,outcome}      counter
//   assure_disputes_withdrawn_total{tenant}             counter
//   assure_disputes_time_to_resolve_seconds{tenant}     histogram (raised to resolved)
#ifndef ASSURE_SERVICES_DISPUTES_METRICS_H_
#define ASSURE_SERVICES_DISPUTES_METRICS_H_

#include <map>
#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/figures.h"
#include "services/disputes/store.h"

namespace assure::disputes {

using store::Tx;

class DisputesMetrics {
 public:
  DisputesMetrics(prometheus::Registry& registry, store::Store& store, const Clock& clock);

  // The state figures, for Server::AddCollectable.
  std::shared_ptr<Figures> figures() const { return figures_; }
  // Counts the open disputes once per database (one older than the figures).
  absl::Status SeedOnce(store::Store& store);
  // Creates a tenant's event series at 0 (once per process; themes of the default list), so
  // that the first event a process counts is not lost to increase(). Called for every
  // tenant with figures at start and for every caller's tenant.
  void TenantSeen(const std::string& tenant);
  absl::Status TenantsSeen(store::Store& store);
  // Inside the write: a dispute changes from `before` (null when new) to `after`. The state
  // figures change with it; the event counters once it commits.
  absl::Status Changed(Tx& tx, const std::string& tenant, const v1::Dispute* before,
                       const v1::Dispute& after);

 private:
  static absl::Status Count(Tx& tx, const std::string& tenant, const v1::Dispute& d, int sign);
  void Counted(const std::string& tenant, const v1::Dispute* before, const v1::Dispute& after);

  std::shared_ptr<Figures> figures_;
  prometheus::Family<prometheus::Counter>& raised_;
  prometheus::Family<prometheus::Counter>& resolved_;
  prometheus::Family<prometheus::Counter>& withdrawn_;
  prometheus::Family<prometheus::Histogram>& time_to_resolve_;
  absl::Mutex mu_;
  absl::flat_hash_set<std::string> tenants_seen_ ABSL_GUARDED_BY(mu_);
};

}  // namespace assure::disputes

#endif  // ASSURE_SERVICES_DISPUTES_METRICS_H_
