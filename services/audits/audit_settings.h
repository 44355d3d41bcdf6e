// An authority's choices for audits (auditSettings): the defaults until it saves its own,
// and what a saved version must satisfy. Pure.
#ifndef ASSURE_SERVICES_AUDITS_AUDIT_SETTINGS_H_
#define ASSURE_SERVICES_AUDITS_AUDIT_SETTINGS_H_

#include "absl/status/status.h"
#include "assure/audits/v1/resources.pb.h"

namespace assure::audits {

// Moderation of 10% of audits besides every Inadequate and every child judged not safe;
// an area for development raised by 3 audits of a month goes to action plans [local: no
// seed fixes either].
v1::AuditSettings DefaultSettings();

// A saved version with the defaults of the choices added since it was saved.
v1::AuditSettings WithDefaults(v1::AuditSettings saved);

// INVALID_ARGUMENT naming each field outside its range.
absl::Status ValidateSettings(const v1::AuditSettings& s);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_AUDIT_SETTINGS_H_
