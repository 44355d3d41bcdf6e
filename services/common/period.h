// A report's period from its request: two required dates, inclusive, the end not before
// the start. Written once for every report method.
#ifndef ASSURE_SERVICES_COMMON_PERIOD_H_
#define ASSURE_SERVICES_COMMON_PERIOD_H_

#include <utility>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "google/type/date.pb.h"

namespace assure {

// INVALID_ARGUMENT naming start_date / end_date when missing, impossible or reversed.
absl::StatusOr<std::pair<absl::CivilDay, absl::CivilDay>> ParsePeriod(
    const google::type::Date& start, const google::type::Date& end);

// The IRO annual report's reporting year, April to March, named by the year it starts.
struct ReportingYear {
  int year = 0;
  absl::CivilDay first, last;
};
ReportingYear ReportingYearStarting(int year);
ReportingYear ReportingYearOf(absl::CivilDay day);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_PERIOD_H_
