#include "services/common/period.h"

#include "services/common/dates.h"
#include "services/common/errors.h"

namespace assure {
namespace {

void Check(const google::type::Date& date, const char* field, FieldViolations& v) {
  const ParsedDate parsed = FromProto(date);
  if (!parsed.valid) {
    v.Add(field, parsed.problem);
  } else if (!parsed.day) {
    v.Add(field, "is required");
  }
}

}  // namespace

absl::StatusOr<std::pair<absl::CivilDay, absl::CivilDay>> ParsePeriod(
    const google::type::Date& start, const google::type::Date& end) {
  FieldViolations v;
  Check(start, "start_date", v);
  Check(end, "end_date", v);
  if (!v.empty()) return v.ToStatus();
  const absl::CivilDay s = *FromProto(start).day, e = *FromProto(end).day;
  if (e < s) return InvalidField("end_date", "must not be before start_date");
  return std::make_pair(s, e);
}

ReportingYear ReportingYearStarting(int year) {
  return {year, absl::CivilDay(year, 4, 1), absl::CivilDay(year + 1, 3, 31)};
}

ReportingYear ReportingYearOf(absl::CivilDay day) {
  return ReportingYearStarting(static_cast<int>(day.month() >= 4 ? day.year() : day.year() - 1));
}

}  // namespace assure
