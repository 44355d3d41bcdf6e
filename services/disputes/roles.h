// Who may call what in the disputes service, in one table (ARCHITECTURE section 6). Every
// handler authorises against one of these sets; admin may always.
#ifndef ASSURE_SERVICES_DISPUTES_ROLES_H_
#define ASSURE_SERVICES_DISPUTES_ROLES_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "services/common/principal.h"

namespace assure::disputes::roles {

using Roles = std::vector<absl::string_view>;
using namespace ::assure::role;

// The IRO is personally responsible for raising a dispute [guidance]; managers of IROs too.
inline const Roles kRaisers = {kIro, kIroManager};
// The log: IROs, their managers, the managers who answer at each stage, and auditors.
inline const Roles kReaders = {kIro, kIroManager, kTeamManager, kSeniorManager, kAuditor};
// Escalation, withdrawal and Cafcass referral are the IRO's to make.
inline const Roles kChallengers = {kIro, kIroManager};
// Resolution is agreed between the IRO and the manager at the stage; either records it.
inline const Roles kResolvers = {kIro, kIroManager, kTeamManager, kSeniorManager};
// Reports for senior management and auditors.
inline const Roles kReporters = {kIroManager, kSeniorManager, kAuditor};
// The ladder and themes: the IRO service's manager.
inline const Roles kConfigurers = {kIroManager};

}  // namespace assure::disputes::roles

#endif  // ASSURE_SERVICES_DISPUTES_ROLES_H_
