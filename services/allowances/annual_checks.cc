#include "services/allowances/annual_checks.h"

#include <algorithm>

#include "services/common/dates.h"
#include "services/common/working_days.h"

namespace assure::allowances {
absl::CivilDay AcademicYearStart(absl::CivilDay day) {
  return absl::CivilDay(day.month() >= 9 ? day.year() : day.year() - 1, 9, 1);
}

std::optional<absl::CivilDay> EducationEvidenceDue(const v1::SupportedChild& child,
                                                   absl::CivilDay today, int days) {
  const auto birth = DayOf(child.birth_date());
  if (!birth) return std::nullopt;
  // CivilDay normalises 29 February of a common year to 1 March, as the law counts ages.
  const absl::CivilDay sixteen(birth->year() + 16, birth->month(), birth->day());
  if (today < sixteen) return std::nullopt;
  return std::max(AcademicYearStart(today), sixteen) + days;
}

bool MissingEducationEvidence(const v1::SupportedChild& child, absl::CivilDay today, int days) {
  const auto due = EducationEvidenceDue(child, today, days);
  if (!due || today < *due) return false;
  const auto evidence = DayOf(child.education_evidence_date());
  return !evidence || *evidence < AcademicYearStart(today);
}

std::optional<absl::CivilDay> ReviewDue(const v1::Allowance& a, int months) {
  auto last = DayOf(a.last_review_date());
  if (!last) last = DayOf(a.start_date());
  if (!last) return std::nullopt;
  return AddMonths(*last, months);
}

bool ReviewOverdue(const v1::Allowance& a, absl::CivilDay today, int months) {
  if (a.type() != v1::ALLOWANCE_TYPE_ENHANCEMENT) return false;
  if (a.state() != v1::ALLOWANCE_STATE_ACTIVE && a.state() != v1::ALLOWANCE_STATE_SUSPENDED) {
    return false;
  }
  const auto due = ReviewDue(a, months);
  return due && today > *due;
}

}  // namespace assure::allowances
