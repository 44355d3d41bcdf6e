// Required actions (seed 002 case-file audit 3: none was ever signed off): each with an
// owner and a due date, raised once the audit is submitted (and moderated, if it must be),
// signed off as done with evidence by someone other than its owner; the audit closes when
// the last one is. Pure.
#ifndef ASSURE_SERVICES_AUDITS_ACTIONS_H_
#define ASSURE_SERVICES_AUDITS_ACTIONS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/audits/v1/audits_service.pb.h"

namespace assure::audits {

// FAILED_PRECONDITION naming the rule unless actions may be raised on the audit by
// `subject`: its auditor or moderator (action.auditor_or_moderator), once submitted and not
// closed (audit.submitted), and moderated first when it must be (audit.moderation_first).
absl::Status MayRaiseAction(const v1::Audit& a, const std::string& subject);

// INVALID_ARGUMENT naming each fault of a new action: text, owner, a due date not before
// `today`.
absl::Status CheckNewAction(const v1::CreateAuditActionRequest& req, absl::CivilDay today);

// FAILED_PRECONDITION unless the action is open (action.open) and `signer` is not its owner
// (action.not_the_owner); INVALID_ARGUMENT without evidence.
absl::Status MaySignOff(const v1::AuditAction& action, const std::string& signer,
                        const std::string& evidence);

// FAILED_PRECONDITION unless the audit may close with `open_actions` still open: moderated
// first if it must be (audit.moderation_first), none open (audit.actions_open), not closed.
// Open and past its due date on `today`.
bool IsOverdue(const v1::AuditAction& a, absl::CivilDay today);

absl::Status MayClose(const v1::Audit& a, int64_t open_actions);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_ACTIONS_H_
