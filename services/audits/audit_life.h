// An audit's life (DOMAIN; seed 002 case-file audit 3): assigned -> in progress -> submitted
// -> moderated -> actions open -> closed, each step by the right person; and the escalation
// a child judged not safe, or a significant concern, raises at once. Pure.
#ifndef ASSURE_SERVICES_AUDITS_AUDIT_LIFE_H_
#define ASSURE_SERVICES_AUDITS_AUDIT_LIFE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "assure/audits/v1/audits_service.pb.h"

namespace assure::audits {

// Submitted or further on: an audit that counts towards its month's quota.
bool CountsAsDone(const v1::Audit& a);

// FAILED_PRECONDITION naming the rule unless `subject` is the audit's auditor
// (audit.auditor_only) and the audit is in `state` (audit.<state>).
absl::Status MayStep(const v1::Audit& a, const std::string& subject, v1::AuditState state);

// INVALID_ARGUMENT naming each fault of a submission against the tool the audit uses: every
// answer to a question of the tool, once; every mandatory question answered; a grade from
// the tool's scale on each graded question and on none other; an overall grade from the
// scale; the child-safe judgement given; theme tags as codes.
absl::Status CheckSubmission(const v1::SubmitAuditRequest& req, const v1::AuditToolVersion& tool);

// INVALID_ARGUMENT naming each fault of work saved in progress: what is given must be as a
// submission's, but mandatory questions, the overall grade and the child-safe judgement may
// wait.
absl::Status CheckProgress(const v1::SaveAuditProgressRequest& req,
                           const v1::AuditToolVersion& tool);

// Applies checked work in progress, replacing what was saved before, saved at `now`.
void SaveProgress(const v1::SaveAuditProgressRequest& req, absl::Time now, v1::Audit& a);

// The submission `req` makes of audit `a`: itself, or with `submit_saved` the work saved on
// `a` (INVALID_ARGUMENT, changing nothing, when it also sends work of its own).
absl::StatusOr<v1::SubmitAuditRequest> SubmissionOf(const v1::SubmitAuditRequest& req,
                                                    const v1::Audit& a);

// Applies a checked submission: the audit's answers and judgements, submitted at `now`, and
// its escalation when the child is judged not safe or there is a significant concern.
void Submit(const v1::SubmitAuditRequest& req, absl::Time now, v1::Audit& a);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_AUDIT_LIFE_H_
