// Where a meeting stands on the worklist: overdue the day after its due date, due soon over
// a window of working days that bank holidays stretch.
#include "services/reviews/worklist.h"

#include "gtest/gtest.h"

namespace assure::reviews {
namespace {

const WorkingDays& Calendar() {
  static const WorkingDays calendar = *WorkingDays::EnglandAndWales();
  return calendar;
}

TEST(Worklist, AMeetingIsOverdueOnlyTheDayAfterItsDueDate) {
  const absl::CivilDay due(2026, 11, 25);
  EXPECT_FALSE(FlagsOf(due, due, 20, Calendar()).overdue);
  EXPECT_TRUE(FlagsOf(due, due, 20, Calendar()).due_soon);
  const WorklistFlags next_day = FlagsOf(due, due + 1, 20, Calendar());
  EXPECT_TRUE(next_day.overdue);
  EXPECT_FALSE(next_day.due_soon);
}

TEST(Worklist, TheDueSoonWindowCountsWorkingDaysOverChristmas) {
  // From Monday 21 December 2026, five working days: 22, 23, 24, then (Christmas on Friday,
  // Boxing Day's substitute on Monday 28th) 29 and 30 December.
  const absl::CivilDay today(2026, 12, 21);
  EXPECT_EQ(DueSoonUntil(today, 5, Calendar()), absl::CivilDay(2026, 12, 30));
  EXPECT_TRUE(FlagsOf(absl::CivilDay(2026, 12, 30), today, 5, Calendar()).due_soon);
  EXPECT_FALSE(FlagsOf(absl::CivilDay(2026, 12, 31), today, 5, Calendar()).due_soon);
}

TEST(Worklist, TheDueSoonWindowCountsWorkingDaysOverEaster) {
  // Thursday 2 April 2026, three working days: Good Friday (3rd) and Easter Monday (6th)
  // do not count.
  const absl::CivilDay today(2026, 4, 2);
  EXPECT_EQ(DueSoonUntil(today, 3, Calendar()), absl::CivilDay(2026, 4, 9));
}

}  // namespace
}  // namespace assure::reviews
