// Audit tools (DOMAIN: sections and questions graded on a configurable scale): what a
// version must hold, and the default scale. A released version never changes, and every
// audit keeps the version it used, so a grade always reads against the questions asked. Pure.
#ifndef ASSURE_SERVICES_AUDITS_TOOLS_H_
#define ASSURE_SERVICES_AUDITS_TOOLS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "assure/audits/v1/resources.pb.h"

namespace assure::audits {

// Ofsted's judgements, best first.
std::vector<std::string> DefaultGrades();

// INVALID_ARGUMENT naming each fault of a new version (fields under "version."): a title;
// at least one section, each titled, with at least one question; question ids codes, unique
// in the tool, with their text; grades unique and at least two (none takes the default).
absl::Status CheckToolVersion(const v1::AuditToolVersion& t);

// The question with `id`, or nullptr.
const v1::Question* FindQuestion(const v1::AuditToolVersion& t, const std::string& id);
bool HasGrade(const v1::AuditToolVersion& t, const std::string& grade);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_TOOLS_H_
