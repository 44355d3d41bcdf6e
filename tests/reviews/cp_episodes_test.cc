// Repeat child protection plans: any second or later plan, and those starting within two
// years of the last plan ending, counted apart.
#include "services/reviews/cp_episodes.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace assure::reviews {
namespace {

using absl::CivilDay;
using ::testing::ElementsAre;
using ::testing::Eq;
using ::testing::Optional;

CpEpisode Plan(CivilDay discussion, CivilDay start, std::optional<CivilDay> end) {
  CpEpisode e;
  e.strategy_discussions = {discussion};
  e.outcome = ConferenceOutcome::kPlan;
  e.plan_start = start;
  e.plan_end = end;
  return e;
}

CpEpisode NoPlan(CivilDay discussion) {
  CpEpisode e;
  e.strategy_discussions = {discussion};
  e.outcome = ConferenceOutcome::kNoPlan;
  return e;
}

TEST(RepeatPlans, TheFirstPlanIsNotARepeatAndAnEpisodeWithoutAPlanHasNone) {
  const auto repeats = RepeatPlans({NoPlan(CivilDay(2023, 5, 2)),
                                    Plan(CivilDay(2024, 1, 8), CivilDay(2024, 1, 26), {})});
  EXPECT_THAT(repeats, ElementsAre(Eq(std::nullopt), Optional(PlanRepeat::kFirst)));
}

TEST(RepeatPlans, APlanWithinTwoYearsOfTheLastEndingIsCountedApart) {
  const auto repeats = RepeatPlans(
      {Plan(CivilDay(2023, 1, 9), CivilDay(2023, 1, 27), CivilDay(2024, 3, 1)),
       // Starts on the second anniversary of the last plan's end: within two years.
       Plan(CivilDay(2026, 2, 10), CivilDay(2026, 3, 1), CivilDay(2026, 9, 1)),
       Plan(CivilDay(2028, 9, 4), CivilDay(2028, 9, 22), {})});
  EXPECT_THAT(repeats, ElementsAre(Optional(PlanRepeat::kFirst),
                                   Optional(PlanRepeat::kWithinTwoYears),
                                   Optional(PlanRepeat::kLater)));
}

TEST(RepeatPlans, ADayPastTwoYearsIsARepeatButNotWithinTwoYears) {
  const auto repeats = RepeatPlans(
      {Plan(CivilDay(2023, 1, 9), CivilDay(2023, 1, 27), CivilDay(2024, 3, 1)),
       Plan(CivilDay(2026, 2, 10), CivilDay(2026, 3, 2), {})});
  EXPECT_THAT(repeats.back(), Optional(PlanRepeat::kLater));
}

TEST(PlanInForce, IsTheLastEpisodesPlanWhileItHasNotEnded) {
  std::vector<CpEpisode> episodes = {
      Plan(CivilDay(2023, 1, 9), CivilDay(2023, 1, 27), CivilDay(2024, 3, 1))};
  EXPECT_EQ(PlanInForce(episodes), std::nullopt);
  episodes.push_back(Plan(CivilDay(2025, 6, 2), CivilDay(2025, 6, 20), {}));
  EXPECT_THAT(PlanInForce(episodes), Optional(PlanRepeat::kWithinTwoYears));
  episodes.push_back(NoPlan(CivilDay(2026, 1, 5)));
  episodes[1].plan_end = CivilDay(2025, 12, 1);
  EXPECT_EQ(PlanInForce(episodes), std::nullopt);
}

TEST(EpisodeEnded, ByTheEndOfItsPlanOrADecisionOfNoPlan) {
  CpEpisode e;
  e.strategy_discussions = {CivilDay(2026, 3, 2)};
  EXPECT_FALSE(EpisodeEnded(e));
  EXPECT_EQ(EpisodeStart(e), CivilDay(2026, 3, 2));
  e.outcome = ConferenceOutcome::kNoPlan;
  EXPECT_TRUE(EpisodeEnded(e));
}

TEST(CountPlansInPeriod, PlansInForceAtTheEndStartedAndEndedInTheYear) {
  const CivilDay start(2026, 4, 1), end(2027, 3, 31);
  // A repeat plan within two years of the first ending, still in force.
  const std::vector<CpEpisode> repeat = {
      Plan(CivilDay(2025, 1, 6), CivilDay(2025, 1, 24), CivilDay(2025, 6, 30)),
      Plan(CivilDay(2026, 5, 4), CivilDay(2026, 5, 22), {})};
  // A first plan started and ended in the year.
  const std::vector<CpEpisode> short_plan = {
      Plan(CivilDay(2026, 6, 1), CivilDay(2026, 6, 19), CivilDay(2027, 1, 15))};
  // No plan; and a plan starting the day after the year ends.
  const std::vector<CpEpisode> none = {NoPlan(CivilDay(2026, 9, 7))};
  const std::vector<CpEpisode> after = {
      Plan(CivilDay(2027, 3, 15), CivilDay(2027, 4, 1), {})};
  const CpPeriodCounts c = CountPlansInPeriod({repeat, short_plan, none, after}, start, end);
  EXPECT_EQ(c.on_plan_at_end, 1);
  EXPECT_EQ(c.started, 2);
  EXPECT_EQ(c.repeat_started, 1);
  EXPECT_EQ(c.repeat_within_two_years, 1);
  EXPECT_EQ(c.ended, 1);
}

TEST(CountPlansInPeriod, APlanEndingOnTheLastDayIsNotInForceAtTheEnd) {
  const std::vector<CpEpisode> ends = {
      Plan(CivilDay(2026, 1, 5), CivilDay(2026, 1, 23), CivilDay(2027, 3, 31))};
  const CpPeriodCounts c = CountPlansInPeriod({ends}, CivilDay(2026, 4, 1), CivilDay(2027, 3, 31));
  EXPECT_EQ(c.on_plan_at_end, 0);
  EXPECT_EQ(c.ended, 1);
  EXPECT_EQ(c.started, 0);
}

}  // namespace
}  // namespace assure::reviews
