// A deadline with its reason: the value every timescale rule returns, so a person can check
// the date against the rule, its level and source, and the dates it came from.
#ifndef ASSURE_SERVICES_COMMON_DUE_H_
#define ASSURE_SERVICES_COMMON_DUE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "assure/type/v1/due_date.pb.h"
#include "services/common/working_days.h"

namespace assure {

using assure::type::v1::RuleLevel;

struct Due {
  absl::CivilDay date;
  // The last working day on or before `date`: the practical deadline.
  absl::CivilDay practical;
  std::string rule;
  RuleLevel level = RuleLevel::RULE_LEVEL_UNSPECIFIED;
  std::string source;
  std::vector<std::pair<std::string, absl::CivilDay>> from;
  std::string explanation;
  // FAILED_PRECONDITION (calendar.coverage) when the dates it was counted from or to fall
  // outside the bank holiday list's years: such a date must not be shown as right.
  absl::Status coverage;
};

// Builds a Due, filling the practical deadline from the calendar.
Due MakeDue(absl::CivilDay date, const WorkingDays& calendar, std::string rule, RuleLevel level,
            std::string source, std::vector<std::pair<std::string, absl::CivilDay>> from,
            std::string explanation);

// The due date as the API gives it, or its coverage error.
absl::StatusOr<assure::type::v1::DueDate> DueToProto(const Due& due);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_DUE_H_
