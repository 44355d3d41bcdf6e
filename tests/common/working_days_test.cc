#include "services/common/working_days.h"

#include "gtest/gtest.h"

namespace assure {
namespace {

using absl::CivilDay;

WorkingDays Calendar() {
  auto cal = WorkingDays::EnglandAndWales();
  EXPECT_TRUE(cal.ok()) << cal.status();
  return *cal;
}

TEST(WorkingDays, BuiltInListCovers2015To2035) {
  const WorkingDays cal = Calendar();
  EXPECT_EQ(cal.first_year_covered(), 2015);
  EXPECT_EQ(cal.last_year_covered(), 2035);
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2015, 12, 28)));
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2035, 12, 25)));
}

TEST(WorkingDays, DaysOutsideTheListsYearsAreRefusedNamingTheYearsCovered) {
  const WorkingDays cal = Calendar();
  EXPECT_TRUE(cal.CheckCovers(CivilDay(2015, 1, 1), CivilDay(2035, 12, 31)).ok());
  const absl::Status after = cal.CheckCovers(CivilDay(2035, 12, 15), CivilDay(2036, 1, 15));
  EXPECT_EQ(after.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(after.message().find("calendar.coverage"), std::string::npos);
  EXPECT_NE(after.message().find("2015-2035"), std::string::npos);
  EXPECT_FALSE(cal.CheckCovers(CivilDay(2014, 12, 31), CivilDay(2015, 1, 2)).ok());
}

TEST(WorkingDays, AListWithoutACoversLineCoversTheYearsOfItsHolidays) {
  auto cal = WorkingDays::FromList("2036-01-01\tNew Year's Day\n2037-12-25\tChristmas Day\n");
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(cal->first_year_covered(), 2036);
  EXPECT_EQ(cal->last_year_covered(), 2037);
}

TEST(WorkingDays, WeekendsAreNotWorkingDays) {
  const WorkingDays cal = Calendar();
  EXPECT_FALSE(cal.IsWorkingDay(CivilDay(2026, 11, 28)));
  EXPECT_FALSE(cal.IsWorkingDay(CivilDay(2026, 11, 29)));
  EXPECT_TRUE(cal.IsWorkingDay(CivilDay(2026, 11, 30)));
}

TEST(WorkingDays, OneOffHolidaysAreKept) {
  const WorkingDays cal = Calendar();
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2022, 9, 19)));  // State funeral
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2023, 5, 8)));   // Coronation
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2022, 6, 3)));   // Platinum Jubilee
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2020, 5, 8)));   // VE day, moved early May
  EXPECT_FALSE(cal.IsHoliday(CivilDay(2020, 5, 4)));
  EXPECT_FALSE(cal.IsHoliday(CivilDay(2022, 5, 30)));  // spring holiday moved to 2 June
}

TEST(WorkingDays, SubstituteDaysFollowChristmasAndNewYearOnWeekends) {
  const WorkingDays cal = Calendar();
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2026, 12, 28)));  // Boxing Day on a Saturday
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2021, 12, 27)));  // Christmas on a Saturday
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2021, 12, 28)));
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2022, 12, 27)));  // Christmas on a Sunday
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2022, 1, 3)));    // New Year on a Saturday
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2023, 1, 2)));    // New Year on a Sunday
}

TEST(WorkingDays, TwentyAfterChristmasEve2026SkipsBoxingDaySubstitute) {
  EXPECT_EQ(Calendar().AddWorkingDays(CivilDay(2026, 12, 24), 20), CivilDay(2027, 1, 26));
}

TEST(WorkingDays, EasterRunSkipsGoodFridayAndEasterMonday) {
  const WorkingDays cal = Calendar();
  EXPECT_EQ(cal.AddWorkingDays(CivilDay(2026, 4, 2), 1), CivilDay(2026, 4, 7));
  EXPECT_EQ(cal.AddWorkingDays(CivilDay(2025, 4, 17), 1), CivilDay(2025, 4, 22));
}

TEST(WorkingDays, StateFuneralAndCoronationAreSkipped) {
  const WorkingDays cal = Calendar();
  EXPECT_EQ(cal.AddWorkingDays(CivilDay(2022, 9, 16), 1), CivilDay(2022, 9, 20));
  EXPECT_EQ(cal.AddWorkingDays(CivilDay(2023, 5, 5), 1), CivilDay(2023, 5, 9));
}

TEST(WorkingDays, NthWorkingDayAfterIsCountedFromTheNextDay) {
  const WorkingDays cal = Calendar();
  // Monday 2 March 2026 + 20 working days, no holidays in between.
  EXPECT_EQ(cal.AddWorkingDays(CivilDay(2026, 3, 2), 20), CivilDay(2026, 3, 30));
  EXPECT_EQ(cal.AddWorkingDays(CivilDay(2026, 3, 2), 0), CivilDay(2026, 3, 2));
}

TEST(WorkingDays, NegativeCountsGoBackwards) {
  const WorkingDays cal = Calendar();
  EXPECT_EQ(cal.AddWorkingDays(CivilDay(2026, 4, 7), -1), CivilDay(2026, 4, 2));
  EXPECT_EQ(cal.AddWorkingDays(CivilDay(2026, 3, 30), -20), CivilDay(2026, 3, 2));
}

TEST(WorkingDays, WorkingDaysBetweenCountsAfterStartUpToEnd) {
  const WorkingDays cal = Calendar();
  EXPECT_EQ(cal.WorkingDaysBetween(CivilDay(2026, 3, 2), CivilDay(2026, 3, 30)), 20);
  EXPECT_EQ(cal.WorkingDaysBetween(CivilDay(2026, 3, 30), CivilDay(2026, 3, 2)), -20);
  EXPECT_EQ(cal.WorkingDaysBetween(CivilDay(2026, 12, 24), CivilDay(2026, 12, 29)), 1);
}

TEST(WorkingDays, LastWorkingDayOnOrBeforeStepsBackOverHolidays) {
  const WorkingDays cal = Calendar();
  EXPECT_EQ(cal.LastWorkingDayOnOrBefore(CivilDay(2026, 8, 31)), CivilDay(2026, 8, 28));
  EXPECT_EQ(cal.LastWorkingDayOnOrBefore(CivilDay(2026, 12, 28)), CivilDay(2026, 12, 24));
  EXPECT_EQ(cal.LastWorkingDayOnOrBefore(CivilDay(2026, 12, 24)), CivilDay(2026, 12, 24));
}

TEST(AddMonths, ThreeMonthsAfter31AugustIs30November) {
  EXPECT_EQ(AddMonths(CivilDay(2026, 8, 31), 3), CivilDay(2026, 11, 30));
}

TEST(AddMonths, ThreeMonthsAfter30NovemberIsEndOfFebruary) {
  EXPECT_EQ(AddMonths(CivilDay(2026, 11, 30), 3), CivilDay(2027, 2, 28));
  EXPECT_EQ(AddMonths(CivilDay(2027, 11, 30), 3), CivilDay(2028, 2, 29));
}

TEST(AddMonths, SixMonthsIsNeverCountedAs183Days) {
  EXPECT_EQ(AddMonths(CivilDay(2026, 1, 15), 6), CivilDay(2026, 7, 15));
  EXPECT_EQ(AddMonths(CivilDay(2026, 8, 31), 6), CivilDay(2027, 2, 28));
}

TEST(AddMonths, LeapDayPlusAYearIs28February) {
  EXPECT_EQ(AddMonths(CivilDay(2028, 2, 29), 12), CivilDay(2029, 2, 28));
}

TEST(WorkingDays, ListParsingRejectsABadDate) {
  auto cal = WorkingDays::FromList("2026-13-01\tnot a date\n");
  EXPECT_FALSE(cal.ok());
}

}  // namespace
}  // namespace assure
