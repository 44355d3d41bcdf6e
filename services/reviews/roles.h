// Who may call what in the reviews service, in one table (ARCHITECTURE section 6). Every
// handler authorises against one of these sets; admin may always.
#ifndef ASSURE_SERVICES_REVIEWS_ROLES_H_
#define ASSURE_SERVICES_REVIEWS_ROLES_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "services/common/principal.h"

namespace assure::reviews::roles {

using Roles = std::vector<absl::string_view>;
using namespace ::assure::role;

// A child's record and schedule: everyone working on children's cases, the case system,
// and partners (advocates) for the children referred to them.
inline const Roles kChildReaders = {kIro,           kIroManager, kSocialWorker, kTeamManager,
                                    kSeniorManager, kAuditor,    kCaseSystem,   kAdvocate};
// Lists across children: staff who oversee caseloads.
inline const Roles kChildListers = {kIro, kIroManager, kTeamManager, kSeniorManager, kAuditor};
// The child's facts come in once, from the case system (or an IRO manager correcting them).
inline const Roles kChildWriters = {kCaseSystem, kIroManager};
// Meetings and decisions: staff (not partners).
inline const Roles kMeetingReaders = {kIro,         kIroManager,    kSocialWorker,
                                      kTeamManager, kSeniorManager, kAuditor};
inline const Roles kChairs = {kIro, kIroManager};
inline const Roles kPaperwork = {kIro, kIroManager, kSocialWorker, kTeamManager};
inline const Roles kReportApprovers = {kTeamManager};
inline const Roles kDecisionClosers = {kIro, kIroManager, kSocialWorker, kTeamManager};
// IROs and their allocation.
inline const Roles kIroReaders = {kIro, kIroManager, kSeniorManager, kAuditor};
inline const Roles kIroManagers = {kIroManager};
// The authority's review settings: read by those who oversee the service, set by its manager.
inline const Roles kSettingsReaders = {kIro, kIroManager, kSeniorManager, kAuditor};
inline const Roles kSettingsEditors = {kIroManager};
// Reports for the Performance Board and auditors.
inline const Roles kReporters = {kIroManager, kSeniorManager, kAuditor};
inline const Roles kExporters = {kIroManager, kAuditor};
// The annual report's work programme is adopted by the IRO service's manager.
inline const Roles kProgrammeAdopters = {kIroManager};
// Who tells the IRO of a significant change (CPPCR reg 45): the authority's staff and its
// case system; the IRO (or manager) acknowledges.
inline const Roles kNotifiers = {kSocialWorker, kTeamManager, kIroManager, kCaseSystem};
inline const Roles kNotificationReaders = {kIro,         kIroManager,    kSocialWorker,
                                           kTeamManager, kSeniorManager, kAuditor};
// Advocacy referrals: the authority's staff refer a child and may close the referral; the
// provider's advocates answer, allocate and close their own; staff and the provider read.
inline const Roles kReferrers = {kSocialWorker, kTeamManager, kIro, kIroManager};
inline const Roles kReferralResponders = {kAdvocate};
inline const Roles kReferralClosers = {kSocialWorker, kTeamManager, kIro, kIroManager, kAdvocate};
inline const Roles kReferralReaders = {kIro,           kIroManager, kSocialWorker, kTeamManager,
                                       kSeniorManager, kAuditor,    kAdvocate};
// Who read or wrote a child's data: subject access requests and audit.
inline const Roles kAccessRecordReaders = {kRecordsOfficer};

}  // namespace assure::reviews::roles

#endif  // ASSURE_SERVICES_REVIEWS_ROLES_H_
