#include "services/common/due.h"

#include <algorithm>

#include "services/common/dates.h"

namespace assure {

Due MakeDue(absl::CivilDay date, const WorkingDays& calendar, std::string rule, RuleLevel level,
            std::string source, std::vector<std::pair<std::string, absl::CivilDay>> from,
            std::string explanation) {
  absl::CivilDay earliest = date;
  for (const auto& [label, day] : from) earliest = std::min(earliest, day);
  absl::Status coverage = calendar.CheckCovers(earliest, date);
  // Past the list's coverage the practical deadline is not computed at all.
  const absl::CivilDay practical = coverage.ok() ? calendar.LastWorkingDayOnOrBefore(date) : date;
  return Due{date,          practical,        std::move(rule),        level,
             std::move(source), std::move(from), std::move(explanation), std::move(coverage)};
}

absl::StatusOr<assure::type::v1::DueDate> DueToProto(const Due& due) {
  if (!due.coverage.ok()) return due.coverage;
  assure::type::v1::DueDate out;
  *out.mutable_due_date() = assure::ToProto(due.date);
  *out.mutable_practical_deadline() = assure::ToProto(due.practical);
  out.set_rule(due.rule);
  out.set_level(due.level);
  out.set_source(due.source);
  for (const auto& [label, day] : due.from) {
    auto* d = out.add_from_dates();
    d->set_label(label);
    *d->mutable_date() = assure::ToProto(day);
  }
  out.set_explanation(due.explanation);
  return out;
}

}  // namespace assure
