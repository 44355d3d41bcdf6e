// How far the bank holiday list reaches, for an alert a year before it runs out:
//   assure_calendar_covered_until_timestamp_seconds  the end of the last year covered
// (the same on every replica of every service: aggregate with min).
#ifndef ASSURE_SERVICES_COMMON_CALENDAR_METRICS_H_
#define ASSURE_SERVICES_COMMON_CALENDAR_METRICS_H_

#include "prometheus/registry.h"
#include "services/common/working_days.h"

namespace assure {

void ExportCalendarCoverage(prometheus::Registry& registry, const WorkingDays& calendar);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_CALENDAR_METRICS_H_
