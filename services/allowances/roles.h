// Who may call what in the allowances service, in one table (ARCHITECTURE section 6). Every
// handler authorises against one of these sets; admin may always.
#ifndef ASSURE_SERVICES_ALLOWANCES_ROLES_H_
#define ASSURE_SERVICES_ALLOWANCES_ROLES_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "services/common/principal.h"

namespace assure::allowances::roles {

using Roles = std::vector<absl::string_view>;
using namespace ::assure::role;

// Allowances are prepared by the post-order support team's social workers and their
// managers, and run day to day by finance officers (seed 002).
inline const Roles kPreparers = {kSocialWorker, kTeamManager, kFinance};
// Approvals are given in a role the scheme of delegation names; these may hold one.
inline const Roles kApprovers = {kTeamManager, kSeniorManager, kFinance};
// Suspension, restart and cessation: the managers and finance.
inline const Roles kDeciders = {kTeamManager, kSeniorManager, kFinance};
// Writing off an overpayment: the head of service (never who decided the recovery: a rule).
inline const Roles kWriteOff = {kSeniorManager};
// Payment instructions are finance's.
inline const Roles kPayers = {kFinance};
// The finance system's own account takes the instructions and reports what it paid; finance
// officers and internal audit read them too.
inline const Roles kInstructionReaders = {kFinance, kAuditor};
// Those who run or oversee allowances, and internal audit.
inline const Roles kReaders = {kSocialWorker, kTeamManager, kSeniorManager, kFinance, kAuditor};
// The scheme of delegation, ledger codes and forms: senior managers and finance.
inline const Roles kConfigurers = {kSeniorManager, kFinance};

}  // namespace assure::allowances::roles

#endif  // ASSURE_SERVICES_ALLOWANCES_ROLES_H_
