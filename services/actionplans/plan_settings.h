// An authority's choices for action plans (actionPlanSettings): the defaults until it saves
// its own, and what a saved version must satisfy. Pure.
#ifndef ASSURE_SERVICES_ACTIONPLANS_PLAN_SETTINGS_H_
#define ASSURE_SERVICES_ACTIONPLANS_PLAN_SETTINGS_H_

#include "absl/status/status.h"
#include "assure/actionplans/v1/resources.pb.h"

namespace assure::actionplans {

namespace v1 = ::assure::actionplans::v1;

// [local] defaults: owners of actions due within 45 days asked each month (the issue's
// window; audit tools such as Pentana work this way), reminded weekly, escalated to the
// plan's owner after 14 days without an answer; a plan Red at a quarter of its open actions
// overdue.
v1::ActionPlanSettings DefaultSettings();

// A saved version with the defaults of the choices added since it was saved.
v1::ActionPlanSettings WithDefaults(v1::ActionPlanSettings saved);

// INVALID_ARGUMENT naming each field outside its rule.
absl::Status ValidateSettings(v1::ActionPlanSettings& s);

}  // namespace assure::actionplans

#endif  // ASSURE_SERVICES_ACTIONPLANS_PLAN_SETTINGS_H_
