#include "services/common/calendar_metrics.h"

#include "prometheus/gauge.h"
#include "services/common/dates.h"

namespace assure {

void ExportCalendarCoverage(prometheus::Registry& registry, const WorkingDays& calendar) {
  const absl::Time end =
      absl::FromCivil(absl::CivilDay(calendar.last_year_covered() + 1, 1, 1), London());
  prometheus::BuildGauge()
      .Name("assure_calendar_covered_until_timestamp_seconds")
      .Help("When the bank holiday list stops: the start of the first year it does not cover.")
      .Register(registry)
      .Add({})
      .Set(static_cast<double>(absl::ToUnixSeconds(end)));
}

}  // namespace assure
