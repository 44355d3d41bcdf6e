// The Performance Board's figures for reviews, prefixed assure_reviews_.
//
// Events are per-process counters, incremented once the write that records them commits;
// summed over replicas with increase() they are right whatever the replica count:
//   assure_reviews_held_total{tenant,kind}                 counter
//   assure_reviews_late_total{tenant,kind}                 counter
//   assure_reviews_participation_eligible_total{tenant}    counter (LAC reviews except PN0)
//   assure_reviews_participating_total{tenant}             counter
//
// State is kept in the store (services/common/figures.h), changed in the same transaction
// as the data it counts, and exported identically by every replica (aggregate with max):
//   assure_reviews_iro_caseload{tenant,iro,kind="lac|cp"}  gauge
//   assure_reviews_iro_fte{tenant,iro}                     gauge (caseload per FTE = ratio)
//   assure_reviews_decisions_open{tenant}                  gauge
//   assure_reviews_decisions_overdue{tenant}               gauge (drift: due before today)
//   assure_reviews_starred_open{tenant}                    gauge (starred recommendations)
//   assure_reviews_starred_overdue{tenant}                 gauge (of those, past the deadline:
//                                                          each in the problem resolution log)
//   assure_reviews_children_without_active_iro{tenant}     gauge (seed 002 C5)
//   assure_reviews_scheduled{tenant,kind}                  gauge (meetings to be held)
//   assure_reviews_overdue{tenant,kind}                    gauge (of those, past their due date)
//   assure_reviews_unscheduled{tenant}                     gauge (children whose next statutory
//                                                          meeting has none scheduled)
//   assure_reviews_cp_plans_in_force{tenant,plan}          gauge (plan=first, repeat_within_two_years
//                                                          or repeat_later: repeat plans, seed 001)
#ifndef ASSURE_SERVICES_REVIEWS_METRICS_H_
#define ASSURE_SERVICES_REVIEWS_METRICS_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/figures.h"
#include "services/reviews/schedule.h"
#include "services/reviews/store.h"

namespace assure::reviews {

using store::Tx;

class ReviewsMetrics {
 public:
  ReviewsMetrics(prometheus::Registry& registry, store::Store& store, const Clock& clock);

  // The state figures, for Server::AddCollectable.
  std::shared_ptr<Figures> figures() const { return figures_; }
  // Counts the state figures from the tables, once per database (one older than them).
  absl::Status SeedOnce(store::Store& store);

  // Creates a tenant's event counters at 0 (once per process), so that the first event a
  // process counts is not lost to increase(), which needs a sample before it. Called for
  // every tenant with figures at start and for every caller's tenant.
  void TenantSeen(const std::string& tenant);
  absl::Status TenantsSeen(store::Store& store);

  // After the write that records it commits.
  void ReviewHeld(const std::string& tenant, MeetingKind kind, bool late,
                  std::optional<bool> participated);

  // Inside the write that changes them.
  static absl::Status SetCaseload(Tx& tx, const std::string& tenant, const std::string& iro,
                                  const Caseload& caseload);
  static absl::Status SetFte(Tx& tx, const std::string& tenant, const std::string& iro,
                             int fte_hundredths);
  static absl::Status AddWithoutActiveIro(Tx& tx, const std::string& tenant, int64_t delta);
  static absl::Status DecisionOpened(Tx& tx, const std::string& tenant, absl::CivilDay due);
  static absl::Status DecisionClosed(Tx& tx, const std::string& tenant, absl::CivilDay due);
  static absl::Status StarredOpened(Tx& tx, const std::string& tenant, absl::CivilDay deadline);
  static absl::Status StarredClosed(Tx& tx, const std::string& tenant, absl::CivilDay deadline);
  // A meeting saved: `before` is the stored row it replaces (nullptr for a new one).
  static absl::Status MeetingSaved(Tx& tx, const std::string& tenant, const v1::Review* before,
                                   const v1::Review& after);
  static absl::Status AddUnscheduled(Tx& tx, const std::string& tenant, int64_t delta);
  // A child's plan in force changed (nullopt: none).
  static absl::Status PlanInForceChanged(Tx& tx, const std::string& tenant,
                                         std::optional<PlanRepeat> before,
                                         std::optional<PlanRepeat> after);

 private:
  prometheus::Counter& CounterFor(prometheus::Family<prometheus::Counter>& family,
                                  const std::map<std::string, std::string>& labels)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  prometheus::Family<prometheus::Counter>& held_;
  prometheus::Family<prometheus::Counter>& late_;
  prometheus::Family<prometheus::Counter>& eligible_;
  prometheus::Family<prometheus::Counter>& participating_;
  std::shared_ptr<Figures> figures_;

  absl::Mutex mu_;
  // Series looked up once and kept (prometheus-cpp's Add locks and hashes the labels).
  absl::flat_hash_map<std::string, prometheus::Counter*> counters_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<std::string> tenants_seen_ ABSL_GUARDED_BY(mu_);
};

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_METRICS_H_
