// The Performance Board's figures for audits, prefixed assure_audits_.
//
// State is kept in the store (services/common/figures.h), changed in the same transaction
// as the audits it counts, and exported identically by every replica (aggregate with max):
//   assure_audits_outstanding{tenant}     gauge (assigned and not yet submitted)
//   assure_audits_escalations_unanswered{tenant}  gauge (child not safe or a significant
//                                         concern, with no manager's response yet)
//   assure_audits_register_open{tenant}   gauge (open cases in the register)
//   assure_audits_actions_open{tenant}    gauge (required actions not yet signed off)
//   assure_audits_actions_overdue{tenant} gauge (of those, past their due date)
//   assure_audits_moderated{tenant,agreed="true|false"}  gauge (moderations done; false:
//                                         the moderator disagreed with a grade)
//   assure_audits_graded{tenant,grade}   gauge (audits submitted, by the grade that stands:
//                                         outstanding, good, requires_improvement,
//                                         inadequate, or other for a tool's own scale)
//   assure_audits_quota_unmet{tenant}     gauge (audits still owed against the quotas of
//                                         the months selected so far, this month's included)
//   assure_audits_shortfall{tenant}       gauge (of those, owed for months already ended: the
//                                         scorecard's shortfalls, to escalate to the head of
//                                         service)
#ifndef ASSURE_SERVICES_AUDITS_METRICS_H_
#define ASSURE_SERVICES_AUDITS_METRICS_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/audits/v1/resources.pb.h"
#include "services/common/clock.h"
#include "services/common/figures.h"
#include "services/common/store/store.h"

namespace assure::audits {

namespace v1 = ::assure::audits::v1;
using store::Tx;

class AuditsMetrics {
 public:
  AuditsMetrics(store::Store& store, const Clock& clock);

  // The state figures, for Server::AddCollectable.
  std::shared_ptr<Figures> figures() const { return figures_; }

  // Inside the write that changes them.
  // A month's sample drawn: its audits outstanding, its quotas owed.
  static absl::Status SelectionMade(Tx& tx, const std::string& tenant, const v1::Selection& s);
  static absl::Status OpenCasesChanged(Tx& tx, const std::string& tenant, int64_t delta);
  // An action opened (+1) or signed off (-1), by its due day.
  static absl::Status ActionOpened(Tx& tx, const std::string& tenant, absl::CivilDay due,
                                   int64_t delta);
  // An audit changed from `before` to `after`.
  static absl::Status AuditChanged(Tx& tx, const std::string& tenant, const v1::Audit& before,
                                   const v1::Audit& after);

 private:
  std::shared_ptr<Figures> figures_;
};

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_METRICS_H_
