// The yearly checks besides the declaration (seed 002 adoption 3, 4, 7) [local]: a young
// person over 16 proves their education each academic year or payment is suspended, and an
// enhancement is reviewed every two years. Pure.
#ifndef ASSURE_SERVICES_ALLOWANCES_ANNUAL_CHECKS_H_
#define ASSURE_SERVICES_ALLOWANCES_ANNUAL_CHECKS_H_

#include <optional>

#include "absl/time/civil_time.h"
#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// The 1 September that starts the academic year `day` falls in.
absl::CivilDay AcademicYearStart(absl::CivilDay day);

// When this academic year's proof of education is due for `child`: `days` after the year
// starts, or after their 16th birthday if that is later; nullopt while they are under 16 on
// `today`.
std::optional<absl::CivilDay> EducationEvidenceDue(const v1::SupportedChild& child,
                                                   absl::CivilDay today, int days);

// Over 16, past the day this year's proof was due, and none received since the year began.
bool MissingEducationEvidence(const v1::SupportedChild& child, absl::CivilDay today, int days);

// When an enhancement is next reviewed: `months` after its last review, or its start.
std::optional<absl::CivilDay> ReviewDue(const v1::Allowance& a, int months);

// An enhancement being paid whose review is past due.
bool ReviewOverdue(const v1::Allowance& a, absl::CivilDay today, int months);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_ANNUAL_CHECKS_H_
