// What a request must hold before anything is stored: each function returns
// INVALID_ARGUMENT naming every bad field, with its rule. Pure.
#ifndef ASSURE_SERVICES_ACTIONPLANS_VALIDATION_H_
#define ASSURE_SERVICES_ACTIONPLANS_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/actionplans/v1/findings.pb.h"
#include "assure/actionplans/v1/resources.pb.h"

namespace assure::actionplans {

namespace v1 = ::assure::actionplans::v1;

absl::Status ValidatePlan(const v1::Plan& p, absl::CivilDay today);
absl::Status ValidateRecommendation(const v1::Recommendation& r);
absl::Status ValidateAction(const v1::Action& a);
absl::Status ValidateUpdate(const v1::ActionUpdate& u, absl::CivilDay today);
absl::Status ValidateFollowUp(const v1::FollowUp& f);
absl::Status ValidateFinding(const v1::Finding& f);

}  // namespace assure::actionplans

#endif  // ASSURE_SERVICES_ACTIONPLANS_VALIDATION_H_
