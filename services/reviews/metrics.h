// The Performance Board's figures for reviews, prefixed assure_reviews_, kept current as
// data changes (after each commit) and never computed by scanning tables at scrape time.
//
//   assure_reviews_held_total{tenant,kind}                 counter
//   assure_reviews_late_total{tenant,kind}                 counter
//   assure_reviews_participation_eligible_total{tenant}    counter (LAC reviews except PN0)
//   assure_reviews_participating_total{tenant}             counter
//   assure_reviews_iro_caseload{tenant,iro,kind="lac|cp"}  gauge
//   assure_reviews_iro_fte{tenant,iro}                     gauge (caseload per FTE = ratio)
//   assure_reviews_decisions_open{tenant}                  gauge
//   assure_reviews_decisions_overdue{tenant}               gauge (drift)
//   assure_reviews_children_without_active_iro{tenant}     gauge (seed 002 C5)
#ifndef ASSURE_SERVICES_REVIEWS_METRICS_H_
#define ASSURE_SERVICES_REVIEWS_METRICS_H_

#include <string>

#include "absl/container/btree_map.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/reviews/schedule.h"
#include "services/reviews/store.h"

namespace assure::reviews {

class ReviewsMetrics {
 public:
  explicit ReviewsMetrics(prometheus::Registry& registry);

  // Reads the starting values once (caseloads, children without an IRO, open decisions).
  absl::Status Load(Connection& db, absl::CivilDay today);

  void ReviewHeld(const std::string& tenant, MeetingKind kind, bool late,
                  std::optional<bool> participated);
  void SetCaseload(const std::string& tenant, const std::string& iro, const Caseload& caseload);
  void SetFte(const std::string& tenant, const std::string& iro, int fte_hundredths);
  void AddWithoutActiveIro(const std::string& tenant, int64_t delta);
  void DecisionOpened(const std::string& tenant, absl::CivilDay due, absl::CivilDay today);
  void DecisionClosed(const std::string& tenant, absl::CivilDay due, absl::CivilDay today);
  // Decisions become overdue as days pass with no data changing: called by a ticker.
  void RefreshOverdue(absl::CivilDay today);

 private:
  prometheus::Counter& CounterFor(prometheus::Family<prometheus::Counter>& family,
                                  const std::map<std::string, std::string>& labels)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  prometheus::Gauge& GaugeFor(prometheus::Family<prometheus::Gauge>& family,
                              const std::map<std::string, std::string>& labels)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RefreshOverdueLocked(const std::string& tenant, absl::CivilDay today)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  prometheus::Family<prometheus::Counter>& held_;
  prometheus::Family<prometheus::Counter>& late_;
  prometheus::Family<prometheus::Counter>& eligible_;
  prometheus::Family<prometheus::Counter>& participating_;
  prometheus::Family<prometheus::Gauge>& caseload_;
  prometheus::Family<prometheus::Gauge>& fte_;
  prometheus::Family<prometheus::Gauge>& decisions_open_;
  prometheus::Family<prometheus::Gauge>& decisions_overdue_;
  prometheus::Family<prometheus::Gauge>& without_iro_;

  absl::Mutex mu_;
  // Series looked up once and kept (prometheus-cpp's Add locks and hashes the labels).
  absl::flat_hash_map<std::string, prometheus::Counter*> counters_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, prometheus::Gauge*> gauges_ ABSL_GUARDED_BY(mu_);
  // Open decisions by due date, per tenant: overdue is the count before today, found in
  // time proportional to the number of distinct due dates, not of decisions.
  absl::flat_hash_map<std::string, absl::btree_map<absl::CivilDay, int64_t>> open_by_due_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_METRICS_H_
