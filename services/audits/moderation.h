// Moderation (issue 14; seed 002 case-file audit 2): a second look at a submitted audit by
// someone other than its auditor — every audit graded Inadequate, every child judged not
// safe, and a share of the rest the authority chooses. Pure.
#ifndef ASSURE_SERVICES_AUDITS_MODERATION_H_
#define ASSURE_SERVICES_AUDITS_MODERATION_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "assure/audits/v1/audits_service.pb.h"

namespace assure::audits {

// Marks a just-submitted audit for moderation, with the reason: the tool's lowest grade
// overall ("inadequate"), a child judged not safe ("child not safe"), or else the audit
// falls in the authority's `sample_percent` — by its name alone, so the share is the same
// whichever replica saves it and however often it is retried ("sample").
void MarkForModeration(const v1::AuditToolVersion& tool, int sample_percent, v1::Audit& a);

// FAILED_PRECONDITION unless the audit is submitted (audit.submitted) and `moderator` is
// not its auditor (moderation.not_the_auditor).
absl::Status MayModerate(const v1::Audit& a, const std::string& moderator);

// INVALID_ARGUMENT naming each fault: a decision per graded answer at most once, about a
// graded question the audit answered; a disagreement gives a grade from the scale; so does
// disagreeing overall; any disagreement needs a rationale.
absl::Status CheckModeration(const v1::ModerateAuditRequest& req, const v1::Audit& a,
                             const v1::AuditToolVersion& tool);

// Records a checked moderation: the audit becomes moderated.
void Moderate(const v1::ModerateAuditRequest& req, const std::string& moderator, absl::Time now,
              v1::Audit& a);

// The overall grade that stands: the moderator's once moderated, else the auditor's ("" until
// submitted).
const std::string& FinalGrade(const v1::Audit& a);

// True when the moderator disagreed with any grade or overall.
bool Disagreed(const v1::Moderation& m);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_MODERATION_H_
