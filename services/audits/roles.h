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
// Tools are written and released by those who run the programme.
inline const Roles kToolAuthors = kSelectors;
// Those who may be assigned audits: IROs, managers at every level (seed 002: 6 a month for
// each IRO, 1 for each senior manager).
inline const Roles kAuditors = {kIro, kIroManager, kTeamManager, kSeniorManager};
// An escalation goes to the team manager and the head of service.
inline const Roles kEscalationResponders = {kTeamManager, kSeniorManager};
// A second look: the managers of the programme and of the teams.
inline const Roles kModerators = {kIroManager, kTeamManager, kSeniorManager};
// An action is signed off as done by a manager or auditor (never its owner: a rule).
inline const Roles kSignOff = {kIro, kIroManager, kTeamManager, kSeniorManager};
// IROs are observed chairing by the head of service and the IRO service's managers (seed
// 001 5.4: "the Head of Safeguarding and the Operations Managers observing practice").
inline const Roles kObservers = {kSeniorManager, kIroManager};
// Those who audit or oversee audits, and internal audit.
inline const Roles kReaders = {kIro, kIroManager, kTeamManager, kSeniorManager, kAuditor};

}  // namespace assure::audits::roles

#endif  // ASSURE_SERVICES_AUDITS_ROLES_H_
