#include "services/common/working_days.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "services/common/embedded_file.h"
#include "services/common/errors.h"
#include "services/common/read_file.h"
#include "services/common/status_macros.h"

namespace assure_data::bank_holidays {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace assure {
namespace {

bool IsWeekend(absl::CivilDay day) {
  const absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

}  // namespace

absl::StatusOr<WorkingDays> WorkingDays::FromList(absl::string_view text) {
  WorkingDays cal;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (absl::ConsumePrefix(&line, "#")) {
      line = absl::StripAsciiWhitespace(line);
      if (absl::ConsumePrefix(&line, "covers:")) {
        std::vector<absl::string_view> years =
            absl::StrSplit(line, ' ', absl::SkipWhitespace());
        if (years.size() != 2 || !absl::SimpleAtoi(years[0], &cal.first_year_) ||
            !absl::SimpleAtoi(years[1], &cal.last_year_)) {
          return absl::InvalidArgumentError(
              absl::StrCat("bank holidays line ", line_number, ": covers: needs two years"));
        }
      }
      continue;
    }
    if (line.empty()) continue;
    absl::string_view date = line.substr(0, line.find_first_of(" \t"));
    absl::CivilDay day;
    if (!absl::ParseCivilTime(date, &day)) {
      return absl::InvalidArgumentError(
          absl::StrCat("bank holidays line ", line_number, ": '", date, "' is not YYYY-MM-DD"));
    }
    cal.holidays_.insert(day);
  }
  if (cal.holidays_.empty()) return absl::InvalidArgumentError("bank holidays: list is empty");
  if (cal.first_year_ == 0 && cal.last_year_ == 0) {
    cal.first_year_ = static_cast<int>(cal.holidays_.begin()->year());
    cal.last_year_ = cal.first_year_;
    for (absl::CivilDay d : cal.holidays_) {
      cal.first_year_ = std::min(cal.first_year_, static_cast<int>(d.year()));
      cal.last_year_ = std::max(cal.last_year_, static_cast<int>(d.year()));
    }
  }
  return cal;
}

absl::StatusOr<WorkingDays> WorkingDays::EnglandAndWales() {
  return FromList(assure_data::bank_holidays::Files().front().content);
}

absl::StatusOr<WorkingDays> WorkingDays::FromFile(const std::string& path) {
  ASSURE_ASSIGN_OR_RETURN(std::string list, ReadFile(path, "bank holidays file"));
  return FromList(list);
}

absl::Status WorkingDays::CheckCovers(absl::CivilDay from, absl::CivilDay to) const {
  if (from.year() >= first_year_ && to.year() <= last_year_) return absl::OkStatus();
  const absl::CivilDay outside = from.year() < first_year_ ? from : to;
  return FailedRule(
      "calendar.coverage",
      absl::StrCat("this needs working days in ", outside.year(), " but the bank holiday list "
                   "covers ", first_year_, "-", last_year_,
                   "; give the service a newer list with --bank_holidays_file"));
}

bool WorkingDays::IsWorkingDay(absl::CivilDay day) const {
  return !IsWeekend(day) && !IsHoliday(day);
}

absl::CivilDay WorkingDays::AddWorkingDays(absl::CivilDay day, int n) const {
  const int step = n >= 0 ? 1 : -1;
  for (int remaining = n >= 0 ? n : -n; remaining > 0;) {
    day += step;
    if (IsWorkingDay(day)) --remaining;
  }
  return day;
}

int WorkingDays::WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to) const {
  if (to < from) return -WorkingDaysBetween(to, from);
  int count = 0;
  for (absl::CivilDay d = from + 1; d <= to; ++d) {
    if (IsWorkingDay(d)) ++count;
  }
  return count;
}

absl::CivilDay WorkingDays::LastWorkingDayOnOrBefore(absl::CivilDay day) const {
  while (!IsWorkingDay(day)) --day;
  return day;
}

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  const absl::CivilMonth month = absl::CivilMonth(day) + months;
  const absl::CivilDay last_of_month = absl::CivilDay(month + 1) - 1;
  const absl::CivilDay same_day(month.year(), month.month(), day.day());
  // CivilDay normalises 31 November to 1 December: clamp to the month's last day instead.
  return absl::CivilMonth(same_day) == month ? same_day : last_of_month;
}

}  // namespace assure
