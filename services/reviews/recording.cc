#include "services/reviews/recording.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"

namespace assure::reviews {

int AgeOn(absl::CivilDay birth, absl::CivilDay day) {
  int age = static_cast<int>(day.year() - birth.year());
  if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day())) {
    --age;
  }
  return age;
}

absl::CivilDay EffectiveDate(absl::CivilDay held, std::optional<absl::CivilDay> completed,
                             const Settings& settings) {
  if (completed && settings.two_part_counts == TwoPartCounts::kSecondPart) return *completed;
  return held;
}

bool IsLate(absl::CivilDay held, std::optional<absl::CivilDay> completed, absl::CivilDay due,
            const WorkingDays& calendar, const Settings& settings) {
  if (EffectiveDate(held, completed, settings) > due) return true;
  return completed &&
         *completed > calendar.AddWorkingDays(held, settings.two_part_completion_working_days);
}

std::optional<std::string> ParticipationProblem(int code, absl::CivilDay birth,
                                                absl::CivilDay review_day) {
  const bool under_four = AgeOn(birth, review_day) < 4;
  if (code == 0 && !under_four) {
    return absl::StrCat("PN0 is only for a child under 4 at the review; the child was ",
                        AgeOn(birth, review_day), " on ", FormatDay(review_day));
  }
  if (code != 0 && under_four) {
    return absl::StrCat("the child was under 4 on ", FormatDay(review_day), ": use PN0");
  }
  return std::nullopt;
}

bool Participated(int code, const Settings& settings) {
  return settings.participating_codes.count(code) > 0;
}

}  // namespace assure::reviews
