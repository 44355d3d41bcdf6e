#include "services/reviews/schedule.h"

#include "gtest/gtest.h"
#include "services/common/dates.h"

namespace assure::reviews {
namespace {

using absl::CivilDay;

class ScheduleTest : public ::testing::Test {
 protected:
  WorkingDays cal_ = *WorkingDays::EnglandAndWales();
  ScheduleSettings settings_;

  Due Next(MeetingKind kind, const ChildHistory& child) {
    auto next = NextMeetingOfKind(kind, child, cal_, settings_);
    EXPECT_TRUE(next.has_value());
    return next ? next->due : Due{};
  }
};

ChildHistory LookedAfterFrom(CivilDay day) {
  ChildHistory c;
  c.periods.push_back({day, std::nullopt});
  return c;
}

TEST_F(ScheduleTest, FirstLacReviewIsTwentyWorkingDaysAfterBecomingLookedAfter) {
  const Due due = Next(MeetingKind::kLacReview, LookedAfterFrom(CivilDay(2026, 3, 2)));
  EXPECT_EQ(due.date, CivilDay(2026, 3, 30));
  EXPECT_EQ(due.rule, "lac_review.first");
  EXPECT_EQ(due.level, RuleLevel::RULE_LEVEL_LAW);
  EXPECT_EQ(due.source, "CPPCR 2010 reg 33");
  ASSERT_EQ(due.from.size(), 1u);
  EXPECT_EQ(due.from[0].second, CivilDay(2026, 3, 2));
}

TEST_F(ScheduleTest, FirstLacReviewOverChristmasSkipsHolidays) {
  EXPECT_EQ(Next(MeetingKind::kLacReview, LookedAfterFrom(CivilDay(2026, 12, 24))).date,
            CivilDay(2027, 1, 26));
}

TEST_F(ScheduleTest, SecondLacReviewIsThreeMonthsAfterTheFirst) {
  ChildHistory c = LookedAfterFrom(CivilDay(2026, 3, 2));
  c.held.push_back({MeetingKind::kLacReview, CivilDay(2026, 3, 20)});
  const Due due = Next(MeetingKind::kLacReview, c);
  EXPECT_EQ(due.date, CivilDay(2026, 6, 20));
  EXPECT_EQ(due.rule, "lac_review.second");
}

TEST_F(ScheduleTest, ThirdLacReviewIsSixMonthsAfterTheSecond) {
  ChildHistory c = LookedAfterFrom(CivilDay(2026, 3, 2));
  c.held.push_back({MeetingKind::kLacReview, CivilDay(2026, 3, 20)});
  c.held.push_back({MeetingKind::kLacReview, CivilDay(2026, 5, 31)});
  const Due due = Next(MeetingKind::kLacReview, c);
  EXPECT_EQ(due.date, CivilDay(2026, 11, 30));
  EXPECT_EQ(due.rule, "lac_review.subsequent");
}

TEST_F(ScheduleTest, AMonthsDeadlineOnAHolidayIsNotMovedButGetsAPracticalDeadline) {
  ChildHistory c = LookedAfterFrom(CivilDay(2026, 5, 1));
  c.held.push_back({MeetingKind::kLacReview, CivilDay(2026, 5, 31)});
  const Due due = Next(MeetingKind::kLacReview, c);
  EXPECT_EQ(due.date, CivilDay(2026, 8, 31));  // summer bank holiday
  EXPECT_EQ(due.practical, CivilDay(2026, 8, 28));
}

TEST_F(ScheduleTest, AnEarlierReviewRestartsTheSixMonthChain) {
  ChildHistory c = LookedAfterFrom(CivilDay(2026, 1, 5));
  c.held.push_back({MeetingKind::kLacReview, CivilDay(2026, 1, 30)});
  c.held.push_back({MeetingKind::kLacReview, CivilDay(2026, 4, 20)});
  c.held.push_back({MeetingKind::kLacReview, CivilDay(2026, 6, 1)});  // unscheduled
  EXPECT_EQ(Next(MeetingKind::kLacReview, c).date, CivilDay(2026, 12, 1));
}

TEST_F(ScheduleTest, ANewPeriodOfCareStartsANewChain) {
  ChildHistory c;
  c.periods.push_back({CivilDay(2025, 1, 6), CivilDay(2025, 9, 1)});
  c.periods.push_back({CivilDay(2026, 3, 2), std::nullopt});
  c.held.push_back({MeetingKind::kLacReview, CivilDay(2025, 1, 30)});
  c.held.push_back({MeetingKind::kLacReview, CivilDay(2025, 4, 20)});
  const Due due = Next(MeetingKind::kLacReview, c);
  EXPECT_EQ(due.rule, "lac_review.first");
  EXPECT_EQ(due.date, CivilDay(2026, 3, 30));
}

TEST_F(ScheduleTest, AChildNoLongerLookedAfterHasNoLacReviewDue) {
  ChildHistory c;
  c.periods.push_back({CivilDay(2025, 1, 6), CivilDay(2025, 9, 1)});
  EXPECT_FALSE(NextMeetingOfKind(MeetingKind::kLacReview, c, cal_, settings_).has_value());
}

TEST_F(ScheduleTest, Section20AccommodationCountsOnlyAfterTwentyFourHours) {
  const absl::Time start = absl::FromCivil(absl::CivilSecond(2026, 3, 1, 10, 0, 0), London());
  EXPECT_EQ(LookedAfterDayForSection20(start, std::nullopt), CivilDay(2026, 3, 2));
  EXPECT_FALSE(LookedAfterDayForSection20(start, start + absl::Hours(24)).has_value());
  EXPECT_EQ(LookedAfterDayForSection20(start, start + absl::Hours(25)), CivilDay(2026, 3, 2));
}

TEST_F(ScheduleTest, AuthorityToPlaceReplacesLacReviewsWithAdoptionReviews) {
  ChildHistory c = LookedAfterFrom(CivilDay(2025, 6, 2));
  c.authority_to_place = CivilDay(2026, 8, 31);
  EXPECT_FALSE(NextMeetingOfKind(MeetingKind::kLacReview, c, cal_, settings_).has_value());
  const Due due = Next(MeetingKind::kAdoptionReview, c);
  EXPECT_EQ(due.date, CivilDay(2026, 11, 30));
  EXPECT_EQ(due.rule, "adoption_review.unplaced_first");
}

TEST_F(ScheduleTest, PlacedForAdoptionReviewsAreFourWeeksThenThreeThenSixMonths) {
  ChildHistory c = LookedAfterFrom(CivilDay(2025, 6, 2));
  c.authority_to_place = CivilDay(2026, 1, 5);
  c.placed_for_adoption = CivilDay(2026, 3, 2);
  EXPECT_EQ(Next(MeetingKind::kAdoptionReview, c).date, CivilDay(2026, 3, 30));
  c.held.push_back({MeetingKind::kAdoptionReview, CivilDay(2026, 3, 25)});
  EXPECT_EQ(Next(MeetingKind::kAdoptionReview, c).date, CivilDay(2026, 6, 25));
  c.held.push_back({MeetingKind::kAdoptionReview, CivilDay(2026, 6, 22)});
  EXPECT_EQ(Next(MeetingKind::kAdoptionReview, c).date, CivilDay(2026, 12, 22));
}

TEST_F(ScheduleTest, AnAdoptionOrderEndsTheAdoptionChain) {
  ChildHistory c = LookedAfterFrom(CivilDay(2025, 6, 2));
  c.authority_to_place = CivilDay(2026, 1, 5);
  c.adoption_order = CivilDay(2026, 9, 1);
  EXPECT_FALSE(NextMeetingOfKind(MeetingKind::kAdoptionReview, c, cal_, settings_).has_value());
}

TEST_F(ScheduleTest, ShortBreakReviewsAreThreeThenSixMonths) {
  ChildHistory c;
  c.short_breaks_start = CivilDay(2026, 1, 31);
  EXPECT_EQ(Next(MeetingKind::kShortBreakReview, c).date, CivilDay(2026, 4, 30));
  c.held.push_back({MeetingKind::kShortBreakReview, CivilDay(2026, 4, 28)});
  EXPECT_EQ(Next(MeetingKind::kShortBreakReview, c).date, CivilDay(2026, 10, 28));
}

CpEpisode Discussed(std::vector<CivilDay> discussions) {
  CpEpisode e;
  e.strategy_discussions = std::move(discussions);
  return e;
}

TEST_F(ScheduleTest, InitialConferenceIsFifteenWorkingDaysAfterTheStrategyDiscussion) {
  ChildHistory c;
  c.cp_episodes = {Discussed({CivilDay(2026, 3, 2), CivilDay(2026, 3, 9)})};
  const Due due = Next(MeetingKind::kCpInitialConference, c);
  EXPECT_EQ(due.date, CivilDay(2026, 3, 23));
  EXPECT_EQ(due.level, RuleLevel::RULE_LEVEL_GUIDANCE);
  EXPECT_EQ(due.from[0].first, "strategy discussion starting s47");
}

TEST_F(ScheduleTest, InitialConferenceCanBeAnchoredOnTheLastDiscussion) {
  ChildHistory c;
  c.cp_episodes = {Discussed({CivilDay(2026, 3, 2), CivilDay(2026, 3, 9)})};
  settings_.cp_anchor = CpAnchor::kLastDiscussion;
  const Due due = Next(MeetingKind::kCpInitialConference, c);
  EXPECT_EQ(due.date, CivilDay(2026, 3, 30));
  EXPECT_EQ(due.from[0].first, "last strategy discussion");
}

TEST_F(ScheduleTest, ReviewConferencesAreThreeMonthsThenSixMonthsApart) {
  ChildHistory c;
  c.cp_episodes = {Discussed({CivilDay(2026, 3, 2)})};
  c.held.push_back({MeetingKind::kCpInitialConference, CivilDay(2026, 3, 20)});
  EXPECT_EQ(Next(MeetingKind::kCpReviewConference, c).date, CivilDay(2026, 6, 20));
  c.held.push_back({MeetingKind::kCpReviewConference, CivilDay(2026, 6, 15)});
  EXPECT_EQ(Next(MeetingKind::kCpReviewConference, c).date, CivilDay(2026, 12, 15));
  c.cp_episodes.back().plan_end = CivilDay(2026, 12, 15);
  EXPECT_TRUE(NextMeetings(c, cal_, settings_).empty());
}

TEST_F(ScheduleTest, TransferInConferenceIsFifteenWorkingDaysAfterNotice) {
  ChildHistory c;
  c.cp_episodes = {CpEpisode{}};
  c.cp_episodes[0].transfer_in_notice = CivilDay(2026, 12, 24);
  const Due due = Next(MeetingKind::kCpTransferInConference, c);
  EXPECT_EQ(due.date, CivilDay(2027, 1, 19));
}

TEST_F(ScheduleTest, ASecondEpisodeIsTimedFromItsOwnStrategyDiscussion) {
  ChildHistory c;
  CpEpisode first = Discussed({CivilDay(2024, 1, 8)});
  first.outcome = ConferenceOutcome::kPlan;
  first.plan_start = CivilDay(2024, 1, 26);
  first.plan_end = CivilDay(2025, 2, 3);
  c.held.push_back({MeetingKind::kCpInitialConference, CivilDay(2024, 1, 26)});
  c.held.push_back({MeetingKind::kCpReviewConference, CivilDay(2024, 4, 22)});
  c.cp_episodes = {first, Discussed({CivilDay(2026, 6, 1)})};
  // Not a review conference from the first episode's meetings: an initial conference, 15
  // working days after the new discussion.
  const auto next = NextMeetings(c, cal_, settings_);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].kind, MeetingKind::kCpInitialConference);
  EXPECT_EQ(next[0].due.date, CivilDay(2026, 6, 22));
  // Its initial conference held, the first review conference is 3 months after it.
  c.held.push_back({MeetingKind::kCpInitialConference, CivilDay(2026, 6, 19)});
  EXPECT_EQ(Next(MeetingKind::kCpReviewConference, c).date, CivilDay(2026, 9, 19));
}

TEST_F(ScheduleTest, AnInitialConferenceDecidingOnNoPlanEndsTheChain) {
  ChildHistory c;
  c.cp_episodes = {Discussed({CivilDay(2026, 3, 2)})};
  c.held.push_back({MeetingKind::kCpInitialConference, CivilDay(2026, 3, 20)});
  EXPECT_EQ(NextMeetings(c, cal_, settings_).size(), 1u);
  c.cp_episodes[0].outcome = ConferenceOutcome::kNoPlan;
  EXPECT_TRUE(NextMeetings(c, cal_, settings_).empty());
}

TEST_F(ScheduleTest, ATransferInEpisodeIsTimedFromItsNotice) {
  ChildHistory c;
  CpEpisode first = Discussed({CivilDay(2025, 1, 6)});
  first.outcome = ConferenceOutcome::kNoPlan;
  CpEpisode moved;
  moved.transfer_in_notice = CivilDay(2026, 12, 24);
  c.cp_episodes = {first, moved};
  const auto next = NextMeetings(c, cal_, settings_);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].kind, MeetingKind::kCpTransferInConference);
  EXPECT_EQ(next[0].due.date, CivilDay(2027, 1, 19));
}

TEST_F(ScheduleTest, EveryChainAChildIsInIsListed) {
  ChildHistory c = LookedAfterFrom(CivilDay(2026, 3, 2));
  c.cp_episodes = {Discussed({CivilDay(2026, 3, 2)})};
  EXPECT_EQ(NextMeetings(c, cal_, settings_).size(), 2u);
}

}  // namespace
}  // namespace assure::reviews
