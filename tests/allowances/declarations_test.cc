#include "services/allowances/declarations.h"

#include "gtest/gtest.h"
#include "services/common/dates.h"

namespace assure::allowances {
namespace {

absl::CivilDay DayOf(const google::type::Date& d) { return *FromProto(d).day; }

v1::Declaration Issued(absl::CivilDay on, int reminder_days = 28) {
  auto d = Issue(2026, on, reminder_days, on);
  EXPECT_TRUE(d.ok()) << d.status();
  return *d;
}

TEST(Declarations, TheReminderIsDueTheSettingsDaysAfterIssue) {
  const v1::Declaration d = Issued(absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(d.state(), v1::DECLARATION_STATE_ISSUED);
  EXPECT_EQ(DayOf(d.next_step_date()), absl::CivilDay(2026, 4, 29));
  EXPECT_EQ(StepDue(d, absl::CivilDay(2026, 4, 28)), DeclarationStep::kNone);
  EXPECT_EQ(StepDue(d, absl::CivilDay(2026, 4, 29)), DeclarationStep::kRemind);
  EXPECT_EQ(DayOf(Issued(absl::CivilDay(2026, 4, 1), 14).next_step_date()),
            absl::CivilDay(2026, 4, 15));
}

TEST(Declarations, SuspensionFalls28CalendarDaysAfterTheReminderThroughChristmasAndNewYear) {
  v1::Declaration d = Issued(absl::CivilDay(2026, 11, 1));
  Remind(d, absl::CivilDay(2026, 12, 4));
  // 25, 26 (28 substitute) December and 1 January are bank holidays: days are still days.
  EXPECT_EQ(DayOf(d.next_step_date()), absl::CivilDay(2027, 1, 1));
  EXPECT_EQ(StepDue(d, absl::CivilDay(2026, 12, 31)), DeclarationStep::kNone);
  EXPECT_EQ(StepDue(d, absl::CivilDay(2027, 1, 1)), DeclarationStep::kLapse);
}

TEST(Declarations, SuspensionAcrossTheEndOfAShortMonth) {
  auto d = Issue(2026, absl::CivilDay(2027, 1, 3), 28, absl::CivilDay(2027, 1, 3));
  ASSERT_TRUE(d.ok());
  Remind(*d, absl::CivilDay(2027, 1, 31));
  EXPECT_EQ(DayOf(d->next_step_date()), absl::CivilDay(2027, 2, 28));
  Lapse(*d, absl::CivilDay(2027, 2, 28));
  EXPECT_EQ(d->state(), v1::DECLARATION_STATE_LAPSED);
  EXPECT_EQ(StepDue(*d, absl::CivilDay(2027, 6, 1)), DeclarationStep::kNone) << "lapses once";
}

TEST(Declarations, AReturnedOneTakesNoFurtherStep) {
  v1::Declaration d = Issued(absl::CivilDay(2026, 4, 1));
  ASSERT_TRUE(Return(d, absl::CivilDay(2026, 4, 20), "", absl::CivilDay(2026, 4, 21)).ok());
  EXPECT_EQ(StepDue(d, absl::CivilDay(2027, 1, 1)), DeclarationStep::kNone);
  EXPECT_FALSE(Return(d, absl::CivilDay(2026, 4, 21), "", absl::CivilDay(2026, 4, 21)).ok());
}

TEST(Declarations, ALapsedOneMayStillComeBackAndNeverBeforeItWasIssued) {
  v1::Declaration d = Issued(absl::CivilDay(2026, 4, 1));
  Remind(d, absl::CivilDay(2026, 4, 29));
  Lapse(d, absl::CivilDay(2026, 5, 27));
  EXPECT_EQ(Return(d, absl::CivilDay(2026, 3, 31), "", absl::CivilDay(2026, 6, 1)).message(),
            "declaration.return_date: a declaration comes back after it was issued and not in "
            "the future");
  ASSERT_TRUE(
      Return(d, absl::CivilDay(2026, 6, 1), "moved house", absl::CivilDay(2026, 6, 1)).ok());
  EXPECT_EQ(d.state(), v1::DECLARATION_STATE_RETURNED);
  EXPECT_EQ(d.changes(), "moved house");
}

TEST(Declarations, AYearsDeclarationIsIssuedFromTheJanuaryBeforeItToItsEnd) {
  EXPECT_FALSE(Issue(2026, absl::CivilDay(2025, 12, 31), 28, absl::CivilDay(2026, 1, 5)).ok());
  EXPECT_TRUE(Issue(2026, absl::CivilDay(2026, 1, 1), 28, absl::CivilDay(2026, 1, 5)).ok());
  EXPECT_TRUE(Issue(2026, absl::CivilDay(2027, 3, 31), 28, absl::CivilDay(2027, 3, 31)).ok());
  EXPECT_FALSE(Issue(2026, absl::CivilDay(2026, 1, 6), 28, absl::CivilDay(2026, 1, 5)).ok())
      << "not in the future";
}

}  // namespace
}  // namespace assure::allowances
