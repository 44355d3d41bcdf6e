// The Performance Board's figures for allowances, prefixed assure_allowances_.
//
// State is kept in the store (services/common/figures.h), changed in the same transaction
// as the allowance it counts, and exported identically by every replica (aggregate with max):
//   assure_allowances_active{tenant,type}          gauge (paying: through the gate, active)
//   assure_allowances_active_annual_pence{tenant,type}  gauge (what they cost a year)
//   assure_allowances_suspended{tenant,reason}     gauge
//   assure_allowances_ceased{tenant,end_point}     gauge (ceased, by the rule that stopped it)
// and, set from the controls report (controls.h) each time CountControls runs:
//   assure_allowances_control_failures{tenant,control}  gauge (must read 0)
//   assure_allowances_overpayment_outstanding_pence{tenant}  gauge
//   assure_allowances_declarations_overdue{tenant}  gauge (this year's reminded or lapsed)
//   assure_allowances_reviews_overdue{tenant}       gauge (enhancements past their review)
//   assure_allowances_education_evidence_missing{tenant}  gauge
//
// Events are per-process, counted as they happen (sum them with increase()):
//   assure_allowances_payments_blocked_total{tenant,rule}  counter (an activation, restart
//        or instalment refused by a payment control; rule is one of the service's own)
#ifndef ASSURE_SERVICES_ALLOWANCES_METRICS_H_
#define ASSURE_SERVICES_ALLOWANCES_METRICS_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "assure/allowances/v1/resources.pb.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/figures.h"
#include "services/common/store/store.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;
using store::Tx;

class AllowancesMetrics {
 public:
  AllowancesMetrics(prometheus::Registry& registry, store::Store& store, const Clock& clock);

  // The state figures, for Server::AddCollectable.
  std::shared_ptr<Figures> figures() const { return figures_; }

  // Inside the write: an allowance changes from `before` (null when new) to `after`.
  static absl::Status Changed(Tx& tx, const std::string& tenant, const v1::Allowance* before,
                              const v1::Allowance& after);

  // Inside a write: the tenant's controls report, as figures.
  static absl::Status ControlsMeasured(Tx& tx, const std::string& tenant,
                                       const v1::AllowanceControls& report);

  // A change refused with `status`: counted when a payment control refused it.
  void Refused(const std::string& tenant, const absl::Status& status);
  // Creates a tenant's event series at 0 (once per process, every payment control's rule),
  // so that the first refusal a process counts is not lost to increase(). Called for every
  // tenant with figures at start and for every caller's tenant.
  void TenantSeen(const std::string& tenant);
  absl::Status TenantsSeen(store::Store& store);

 private:
  std::shared_ptr<Figures> figures_;
  prometheus::Family<prometheus::Counter>& blocked_;
  absl::Mutex mu_;
  absl::flat_hash_set<std::string> tenants_seen_ ABSL_GUARDED_BY(mu_);
};

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_METRICS_H_
