// Who may call what in the events service, in one table (ARCHITECTURE section 6).
#ifndef ASSURE_SERVICES_EVENTS_ROLES_H_
#define ASSURE_SERVICES_EVENTS_ROLES_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "services/common/principal.h"

namespace assure::events::roles {

using Roles = std::vector<absl::string_view>;
using namespace ::assure::role;

// The authority's staff read its whole feed; an advocate reads its organisation's part.
inline const Roles kReaders = {kIro,           kIroManager, kSocialWorker, kTeamManager,
                               kSeniorManager, kAuditor,    kAdvocate};
// Webhooks: a partner's own, or the authority's by the managers who answer for its data.
inline const Roles kSubscribers = {kAdvocate, kIroManager, kSeniorManager};

}  // namespace assure::events::roles

#endif  // ASSURE_SERVICES_EVENTS_ROLES_H_
