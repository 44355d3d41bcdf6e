// Who may call what in the action plans service, in one table (ARCHITECTURE section 6).
// Every handler authorises against one of these sets; admin may always.
#ifndef ASSURE_SERVICES_ACTIONPLANS_ROLES_H_
#define ASSURE_SERVICES_ACTIONPLANS_ROLES_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "services/common/principal.h"

namespace assure::actionplans::roles {

using Roles = std::vector<absl::string_view>;
using namespace ::assure::role;

// Plans are drawn up and run by the managers who own them, and by internal audit and the QA
// team for the plans their work produces (seeds 000 and 002).
inline const Roles kPlanners = {kSeniorManager, kTeamManager, kIroManager, kAuditor};
// The board's sign-off is given by a senior manager who sits on it.
inline const Roles kBoard = {kSeniorManager};
// Officers give updates on their actions; every manager may be one.
inline const Roles kOfficers = {kSeniorManager, kTeamManager, kIroManager, kIro,
                                kSocialWorker,  kFinance,     kAuditor};
// Follow-up testing and verification: internal audit, the QA team and managers.
inline const Roles kTesters = {kAuditor, kSeniorManager, kTeamManager, kIroManager};
// Findings come from the other services, as whoever raised them there.
inline const Roles kRaisers = {kAuditor, kIroManager, kIro, kTeamManager, kSeniorManager, kFinance};
// Everyone who runs, oversees or audits improvement work.
inline const Roles kReaders = {kSeniorManager, kTeamManager, kIroManager, kIro,
                               kSocialWorker,  kFinance,     kAuditor};
// The update cycle's settings and where findings go.
inline const Roles kConfigurers = {kSeniorManager};

}  // namespace assure::actionplans::roles

#endif  // ASSURE_SERVICES_ACTIONPLANS_ROLES_H_
