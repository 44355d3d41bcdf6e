// The Performance Board's figures for action plans, prefixed assure_actions_.
//
// State is kept in the store (services/common/figures.h), changed in the same transaction
// as the action it counts, and exported identically by every replica (aggregate with max):
//   assure_actions_open{tenant,priority,status}   gauge (status: the latest follow-up's, or
//                                                  not_tested)
//   assure_actions_due{tenant,priority}           gauge by target day, with
//   assure_actions_overdue{tenant,priority}       gauge (open, past the target date)
//   assure_actions_slipped{tenant,priority}       gauge (open, target date moved later)
//   assure_actions_completed{tenant,on_time}      gauge (on_time: "true" or "false")
//   assure_actions_findings_unplaced{tenant}      gauge (findings kept with their error)
// and, set by the update cycle each time it runs:
//   assure_actions_updates_overdue{tenant}        gauge (asked, past the first reminder)
#ifndef ASSURE_SERVICES_ACTIONPLANS_METRICS_H_
#define ASSURE_SERVICES_ACTIONPLANS_METRICS_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "assure/actionplans/v1/findings.pb.h"
#include "assure/actionplans/v1/resources.pb.h"
#include "services/common/clock.h"
#include "services/common/figures.h"
#include "services/common/store/store.h"

namespace assure::actionplans {

namespace v1 = ::assure::actionplans::v1;
using store::Tx;

class ActionPlansMetrics {
 public:
  ActionPlansMetrics(store::Store& store, const Clock& clock);

  // The state figures, for Server::AddCollectable.
  std::shared_ptr<Figures> figures() const { return figures_; }

  // Inside the write: an action changes from `before` (null when new) to `after`.
  static absl::Status Changed(Tx& tx, const std::string& tenant, const v1::Action* before,
                              const v1::Action& after);
  // Inside the write: a finding kept unplaced (+1) or placed after all (-1).
  static absl::Status Unplaced(Tx& tx, const std::string& tenant, int delta);
  // Inside a write: the tenant's requests owed an answer past their first reminder.
  static absl::Status UpdatesOverdue(Tx& tx, const std::string& tenant, int64_t count);

 private:
  std::shared_ptr<Figures> figures_;
};

}  // namespace assure::actionplans

#endif  // ASSURE_SERVICES_ACTIONPLANS_METRICS_H_
