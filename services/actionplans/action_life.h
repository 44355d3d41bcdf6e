// An action's life: target dates that move visibly (every change kept, later ones counted as
// slips, the original kept), reassignment with a reason, follow-up testing and completion by
// someone other than its officers. Pure.
#ifndef ASSURE_SERVICES_ACTIONPLANS_ACTION_LIFE_H_
#define ASSURE_SERVICES_ACTIONPLANS_ACTION_LIFE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/actionplans/v1/resources.pb.h"
#include "services/actionplans/plan_life.h"

namespace assure::actionplans {

bool IsOpen(const v1::Action& a);
// Open and past its target date on `today`.
bool IsOverdue(const v1::Action& a, absl::CivilDay today);
// Completed on or before its target date.
bool CompletedOnTime(const v1::Action& a);
bool IsOfficer(const v1::Action& a, const std::string& subject);

// A new target date with why, kept with who and when; a later date is a slip
// (action.open; action.same_target_date).
absl::Status ChangeTarget(v1::Action& a, absl::CivilDay to, const std::string& reason,
                          const Actor& by);

// To `team` and `officers`, with why (action.open).
absl::Status Reassign(v1::Action& a, const std::string& team,
                      const std::vector<std::string>& officers, const std::string& reason,
                      const Actor& by);

// A follow-up test by `by`, who is not one of the action's officers
// (follow_up.not_owner): its status becomes the action's, a revised target date moves the
// action's (a slip when later), and Superseded ends it.
absl::Status ApplyFollowUp(v1::Action& a, const v1::FollowUp& f, const Actor& by);

// Completed on `evidence`, verified by `by`, who is not one of its officers
// (action.verifier_not_owner), on `today` (action.evidence when there is none).
absl::Status Complete(v1::Action& a, const std::vector<std::string>& evidence, const Actor& by,
                      absl::CivilDay today);

}  // namespace assure::actionplans

#endif  // ASSURE_SERVICES_ACTIONPLANS_ACTION_LIFE_H_
