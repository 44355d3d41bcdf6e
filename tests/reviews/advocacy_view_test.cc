// The advocacy view as pure rules: times on the clock, ages, what counts as moving a meeting,
// and that the view carries nothing beyond what advocacy needs.
#include "services/reviews/advocacy_view.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/dates.h"

namespace assure::reviews {
namespace {

TEST(AdvocacyViewTest, APlannedTimeIsHoursAndMinutesOnTheTwentyFourHourClock) {
  EXPECT_TRUE(IsClockTime("00:00"));
  EXPECT_TRUE(IsClockTime("23:59"));
  EXPECT_FALSE(IsClockTime("24:00"));
  EXPECT_FALSE(IsClockTime("9:30"));
  EXPECT_FALSE(IsClockTime("09:60"));
  EXPECT_FALSE(IsClockTime("09-30"));
  EXPECT_FALSE(IsClockTime("0930 "));
}

TEST(AdvocacyViewTest, AChildIsAYearOlderOnItsBirthdayAndNotTheDayBefore) {
  EXPECT_EQ(AgeInYears(absl::CivilDay(2012, 5, 1), absl::CivilDay(2026, 4, 30)), 13);
  EXPECT_EQ(AgeInYears(absl::CivilDay(2012, 5, 1), absl::CivilDay(2026, 5, 1)), 14);
  EXPECT_EQ(AgeInYears(absl::CivilDay(2026, 5, 1), absl::CivilDay(2026, 4, 1)), 0);
}

TEST(AdvocacyViewTest, PlanningAMeetingMovesNothingButChangingItsDayOrTimeDoes) {
  v1::Review before;
  v1::Review after = before;
  *after.mutable_planned_date() = ToProto(absl::CivilDay(2026, 12, 3));
  after.set_planned_time("10:00");
  NoteReschedule(before, after, "iro-1", absl::UnixEpoch());
  EXPECT_EQ(after.reschedules_size(), 0) << "first planned";

  before = after;
  after.set_venue("Online");
  NoteReschedule(before, after, "iro-1", absl::UnixEpoch());
  EXPECT_EQ(after.reschedules_size(), 0) << "a venue is not a time";

  after.set_planned_time("14:00");
  NoteReschedule(before, after, "iro-1", absl::UnixEpoch());
  before = after;
  *after.mutable_planned_date() = ToProto(absl::CivilDay(2026, 12, 10));
  NoteReschedule(before, after, "iro-2", absl::UnixEpoch());
  ASSERT_EQ(after.reschedules_size(), 2);
  EXPECT_EQ(after.reschedules(0).from_time(), "10:00");
  EXPECT_EQ(after.reschedules(0).to_time(), "14:00");
  EXPECT_EQ(after.reschedules(1).from_date().day(), 3);
  EXPECT_EQ(after.reschedules(1).to_date().day(), 10);
  EXPECT_EQ(after.reschedules(1).changed_by(), "iro-2");
}

TEST(AdvocacyViewTest, TheViewHoldsAgeMeetingsAndTheIrosContactAndNothingOfTheRecord) {
  v1::Child child;
  child.set_name("children/C1");
  *child.mutable_birth_date() = ToProto(absl::CivilDay(2012, 5, 1));
  child.set_looked_after(true);
  child.set_gender("F");
  child.add_case_worker_ids("sw-1");
  v1::Review held;
  held.set_name("children/C1/reviews/1");
  held.set_kind(v1::REVIEW_KIND_LAC_REVIEW);
  held.set_state(v1::REVIEW_STATE_HELD);
  held.set_late_explanation("the family asked for a later date");
  held.set_participation(v1::PARTICIPATION_PN1);
  v1::Review cancelled;
  cancelled.set_name("children/C1/reviews/2");
  cancelled.set_state(v1::REVIEW_STATE_CANCELLED);
  cancelled.set_cancel_reason("the child is in hospital");
  cancelled.set_venue("School");
  v1::Iro iro;
  iro.set_name("iros/iro-1");
  iro.set_display_name("Sam Patel");
  iro.set_contact_email("sam.patel@example.gov.uk");
  iro.set_fte_hundredths(80);

  const v1::AdvocacyView view =
      BuildAdvocacyView(child, {held, cancelled}, iro, absl::CivilDay(2026, 11, 25));
  EXPECT_EQ(view.name(), "children/C1/advocacyView");
  EXPECT_EQ(view.age_years(), 14);
  EXPECT_EQ(view.iro().email(), "sam.patel@example.gov.uk");
  ASSERT_EQ(view.meetings_size(), 2);
  EXPECT_EQ(view.meetings(1).cancel_reason(), "the child is in hospital");
  EXPECT_EQ(view.meetings(1).venue(), "School");
  const std::string text = view.DebugString();
  for (const char* secret : {"sw-1", "later date", "PN1", "80", "2012"}) {
    EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr(secret)));
  }
}

}  // namespace
}  // namespace assure::reviews
