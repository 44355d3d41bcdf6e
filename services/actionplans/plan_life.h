// A plan's life: draft -> agreed (the board's sign-off) -> in delivery -> closed (the
// board's sign-off once every action is completed or superseded), and the statement of
// action an inspection's plan owes Ofsted. Pure.
#ifndef ASSURE_SERVICES_ACTIONPLANS_PLAN_LIFE_H_
#define ASSURE_SERVICES_ACTIONPLANS_PLAN_LIFE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "assure/actionplans/v1/resources.pb.h"
#include "services/common/due.h"
#include "services/common/working_days.h"

namespace assure::actionplans {

namespace v1 = ::assure::actionplans::v1;

// Who does something, and when.
struct Actor {
  std::string subject;
  absl::Time now;
};

bool IsOpenPlan(const v1::Plan& p);

// Draft to agreed, signed off at `meeting` by `by`, who is not the plan's owner
// (plan.sign_off_not_owner): a board holds an owner to account.
absl::Status Agree(v1::Plan& p, const std::string& meeting, const Actor& by);
// Agreed to in delivery.
absl::Status StartDelivery(v1::Plan& p);
// Agreed or in delivery to closed, once `open_actions` is 0 (plan.actions_open), signed off
// as Agree is.
absl::Status Close(v1::Plan& p, int64_t open_actions, const std::string& meeting, const Actor& by);

// When the written statement of action is due, for a plan answering an Ofsted inspection
// (70 working days after the report) or a focused visit with priority actions (a draft in 20
// working days); nullopt for any other plan.
std::optional<Due> StatementDue(const v1::Plan& p, const WorkingDays& calendar);

// The kind of plan a finding from `source` belongs on.
v1::PlanSource PlanSourceFor(v1::FindingSource source);

}  // namespace assure::actionplans

#endif  // ASSURE_SERVICES_ACTIONPLANS_PLAN_LIFE_H_
