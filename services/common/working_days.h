// Civil-date arithmetic for statutory timescales in England and Wales. Every timescale in
// the suite goes through here.
//
// A working day is not a Saturday, Sunday, Christmas Day, Good Friday or bank holiday
// (CPPCR 2010 reg 2). "Within N working days of D" is the N-th working day after D.
// Months are calendar months (Interpretation Act 1978): the same day of the month, or the
// last day of a shorter month.
//
//   ASSURE_ASSIGN_OR_RETURN(WorkingDays cal, WorkingDays::EnglandAndWales());
//   absl::CivilDay due = cal.AddWorkingDays(absl::CivilDay(2026, 12, 24), 20);
#ifndef ASSURE_SERVICES_COMMON_WORKING_DAYS_H_
#define ASSURE_SERVICES_COMMON_WORKING_DAYS_H_

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace assure {

class WorkingDays {
 public:
  // Parses a list of "YYYY-MM-DD<TAB>name" lines; '#' starts a comment. A line
  // "# covers: FIRST LAST" gives the years the list is complete for (without one, the years
  // of its first and last holidays).
  static absl::StatusOr<WorkingDays> FromList(absl::string_view text);
  // The list compiled into the binary (services/common/data/).
  static absl::StatusOr<WorkingDays> EnglandAndWales();
  // A list read from a file, for an authority that has a newer proclamation than the build.
  static absl::StatusOr<WorkingDays> FromFile(const std::string& path);

  bool IsHoliday(absl::CivilDay day) const { return holidays_.contains(day); }
  bool IsWorkingDay(absl::CivilDay day) const;
  // The n-th working day after `day` (n > 0), or before it (n < 0); `day` itself for 0.
  absl::CivilDay AddWorkingDays(absl::CivilDay day, int n) const;
  // Working days d with from < d <= to; negative when to is before from.
  int WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to) const;
  // `day` if it is a working day, else the last working day before it.
  absl::CivilDay LastWorkingDayOnOrBefore(absl::CivilDay day) const;

  int first_year_covered() const { return first_year_; }
  int last_year_covered() const { return last_year_; }
  // OK when every day from `from` to `to` lies in the years the list is complete for;
  // otherwise FAILED_PRECONDITION naming rule calendar.coverage and the years covered (past
  // them Christmas Day and Good Friday would count as working days without a word).
  absl::Status CheckCovers(absl::CivilDay from, absl::CivilDay to) const;

 private:
  absl::flat_hash_set<absl::CivilDay> holidays_;
  int first_year_ = 0;
  int last_year_ = 0;
};

// Calendar months after `day`: the same day of the month, or the last day of a shorter
// month (31 August + 3 months = 30 November; 30 November + 3 months = 28/29 February).
absl::CivilDay AddMonths(absl::CivilDay day, int months);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_WORKING_DAYS_H_
