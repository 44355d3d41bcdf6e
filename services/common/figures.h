// The state figures of the Performance Board (a caseload, open and overdue decisions, open
// disputes by stage): how many of something there are now, which must read the same from
// every replica. Each is a row per tenant and label set in the store's `figures` table,
// changed in the same transaction as the data it counts, and exported at scrape from one
// read of that small table, never by scanning the data. Every replica exports the same
// values, so dashboards and alerts aggregate them with max, not sum.
//
// Events (reviews held, disputes raised) stay per-process counters: summed over replicas
// with increase(), they are already right.
//
//   Figures figures(store, clock, {{"assure_reviews_decisions_open", "...", "assure_reviews_decisions_overdue", "..."}});
//   ...inside a write:  ASSURE_RETURN_IF_ERROR(Figures::Add(tx, tenant, "assure_x", {{"k", "v"}}, +1));
//   server.AddCollectable(figures_ptr);
#ifndef ASSURE_SERVICES_COMMON_FIGURES_H_
#define ASSURE_SERVICES_COMMON_FIGURES_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "services/common/clock.h"
#include "services/common/store/store.h"

namespace assure {

using FigureLabels = std::map<std::string, std::string>;

// One exported gauge family.
struct FigureSpec {
  std::string name;
  std::string help;
  // Stored as integers; exported divided by this (an FTE kept in hundredths: 100).
  double scale = 1;
  // For a figure counted by due day: a second family of the rows due before today (London).
  std::string overdue_name = "";
  std::string overdue_help = "";
};

class Figures : public prometheus::Collectable {
 public:
  Figures(store::Store& store, const Clock& clock, std::vector<FigureSpec> specs);

  // Inside a write: adds `delta` to a figure (created at 0).
  static absl::Status Add(store::Tx& tx, const std::string& tenant, const std::string& name,
                          const FigureLabels& labels, int64_t delta);
  // Inside a write: sets a figure.
  static absl::Status Set(store::Tx& tx, const std::string& tenant, const std::string& name,
                          const FigureLabels& labels, int64_t value);
  // Inside a write: adds `delta` to a figure counted by due day.
  static absl::Status AddDue(store::Tx& tx, const std::string& tenant, const std::string& name,
                             const FigureLabels& labels, absl::CivilDay due, int64_t delta);

  // Runs `count` once for `component` on a database whose figures were never counted (one
  // created before the figures table), in one write, whichever replica gets there first.
  static absl::Status SeedOnce(store::Store& store, const std::string& component,
                               const std::function<absl::Status(store::Tx&)>& count);

  // The tenants with figures: whose event counters a starting process creates at 0.
  static absl::StatusOr<std::vector<std::string>> Tenants(store::Store& store);

  // Every figure, from one read of the table; nothing while the store cannot be read.
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  store::Store& store_;
  const Clock& clock_;
  std::vector<FigureSpec> specs_;
};

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_FIGURES_H_
