#include "services/reviews/recording.h"

#include "gtest/gtest.h"

namespace assure::reviews {
namespace {

using absl::CivilDay;

TEST(AgeOn, CountsWholeYears) {
  EXPECT_EQ(AgeOn(CivilDay(2022, 6, 15), CivilDay(2026, 6, 14)), 3);
  EXPECT_EQ(AgeOn(CivilDay(2022, 6, 15), CivilDay(2026, 6, 15)), 4);
  EXPECT_EQ(AgeOn(CivilDay(2020, 2, 29), CivilDay(2024, 2, 28)), 3);
}

TEST(IsLate, AReviewOnItsDueDateIsOnTime) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  EXPECT_FALSE(IsLate(CivilDay(2026, 3, 30), std::nullopt, CivilDay(2026, 3, 30), cal, {}));
  EXPECT_TRUE(IsLate(CivilDay(2026, 3, 31), std::nullopt, CivilDay(2026, 3, 30), cal, {}));
}

TEST(IsLate, TwoPartReviewCountsTheSecondPartWhenTheSettingSaysSo) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  Settings second;
  second.two_part_counts = TwoPartCounts::kSecondPart;
  EXPECT_FALSE(IsLate(CivilDay(2026, 3, 20), CivilDay(2026, 4, 2), CivilDay(2026, 3, 30), cal, {}));
  EXPECT_TRUE(
      IsLate(CivilDay(2026, 3, 20), CivilDay(2026, 4, 2), CivilDay(2026, 3, 30), cal, second));
  EXPECT_EQ(EffectiveDate(CivilDay(2026, 3, 20), CivilDay(2026, 4, 2), second),
            CivilDay(2026, 4, 2));
}

TEST(IsLate, TwoPartReviewCompletedAfterTwentyWorkingDaysIsLate) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  EXPECT_FALSE(IsLate(CivilDay(2026, 3, 2), CivilDay(2026, 3, 30), CivilDay(2026, 3, 30), cal, {}));
  EXPECT_TRUE(IsLate(CivilDay(2026, 3, 2), CivilDay(2026, 3, 31), CivilDay(2026, 3, 30), cal, {}));
}

TEST(ParticipationProblem, Pn0IsOnlyForChildrenUnderFour) {
  EXPECT_FALSE(ParticipationProblem(0, CivilDay(2023, 1, 1), CivilDay(2026, 6, 1)).has_value());
  EXPECT_TRUE(ParticipationProblem(0, CivilDay(2020, 1, 1), CivilDay(2026, 6, 1)).has_value());
  EXPECT_TRUE(ParticipationProblem(1, CivilDay(2023, 1, 1), CivilDay(2026, 6, 1)).has_value());
  EXPECT_FALSE(ParticipationProblem(7, CivilDay(2010, 1, 1), CivilDay(2026, 6, 1)).has_value());
}

TEST(Participated, DefaultCountsPn1ToPn6AndLeavesOutPn7) {
  const Settings s;
  for (int code = 1; code <= 6; ++code) EXPECT_TRUE(Participated(code, s)) << code;
  EXPECT_FALSE(Participated(7, s));
  EXPECT_FALSE(CountsForParticipation(0));
}

TEST(Participated, AnAuthorityMayLeaveOutPn4) {
  Settings s;
  s.participating_codes.erase(4);
  EXPECT_FALSE(Participated(4, s));
}

}  // namespace
}  // namespace assure::reviews
