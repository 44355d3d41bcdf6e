// Who may call what in the audits service, in one table (ARCHITECTURE section 6). Every
// handler authorises against one of these sets; admin may always.
#ifndef ASSURE_SERVICES_AUDITS_ROLES_H_
#define ASSURE_SERVICES_AUDITS_ROLES_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "services/common/principal.h"

namespace assure::audits::roles {

using Roles = std::vector<absl::string_view>;
using namespace ::assure::role;

// The register is the case system's feed.
inline const Roles kRegisterFeeders = {kCaseSystem};
// The month's sample is drawn by those who run the audit programme: the senior managers
// and the IRO service's managers (seed 002: the Quality and Review Manager).
inline const Roles kSelectors = {kSeniorManager, kIroManager};
// Those who audit or oversee audits, and internal audit.
inline const Roles kReaders = {kIro, kIroManager, kTeamManager, kSeniorManager, kAuditor};

}  // namespace assure::audits::roles

#endif  // ASSURE_SERVICES_AUDITS_ROLES_H_
