// An audit's life (DOMAIN; seed 002 case-file audit 3): assigned -> in progress -> submitted
// -> moderated -> actions open -> closed, each step by the right person; and the escalation
// a child judged not safe, or a significant concern, raises at once. Pure.
#ifndef ASSURE_SERVICES_AUDITS_AUDIT_LIFE_H_
#define ASSURE_SERVICES_AUDITS_AUDIT_LIFE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "assure/audits/v1/audits_service.pb.h"

namespace assure::audits {

// FAILED_PRECONDITION naming the rule unless `subject` is the audit's auditor
// (audit.auditor_only) and the audit is in `state` (audit.<state>).
absl::Status MayStep(const v1::Audit& a, const std::string& subject, v1::AuditState state);

// INVALID_ARGUMENT naming each fault of a submission against the tool the audit uses: every
// answer to a question of the tool, once; every mandatory question answered; a grade from
// the tool's scale on each graded question and on none other; an overall grade from the
// scale; the child-safe judgement given; theme tags as codes.
absl::Status CheckSubmission(const v1::SubmitAuditRequest& req, const v1::AuditToolVersion& tool);

// Applies a checked submission: the audit's answers and judgements, submitted at `now`, and
// its escalation when the child is judged not safe or there is a significant concern.
void Submit(const v1::SubmitAuditRequest& req, absl::Time now, v1::Audit& a);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_AUDIT_LIFE_H_
