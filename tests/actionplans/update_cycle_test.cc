#include "services/actionplans/update_cycle.h"

#include "gtest/gtest.h"
#include "services/actionplans/plan_settings.h"
#include "tests/actionplans/action_builders.h"

namespace assure::actionplans {
namespace {

v1::Action DueOn(absl::CivilDay day) {
  v1::Action a = AnAction();
  *a.mutable_target_date() = ToProto(day);
  a.set_name("plans/p-1/actions/1");
  return a;
}

CycleStep StepOn(const v1::Action& a, const v1::UpdateRequest* latest, absl::CivilDay today) {
  return NextStep(a, latest, DefaultSettings(), today);
}

TEST(UpdateWindow, FortyFiveDaysCountAcrossTheEndOfFebruary) {
  const absl::CivilDay today(2027, 1, 31);
  EXPECT_TRUE(InUpdateWindow(DueOn(absl::CivilDay(2027, 3, 17)), today, 45));
  EXPECT_FALSE(InUpdateWindow(DueOn(absl::CivilDay(2027, 3, 18)), today, 45));
  // A leap year moves the edge by a day.
  EXPECT_TRUE(InUpdateWindow(DueOn(absl::CivilDay(2028, 3, 16)), absl::CivilDay(2028, 1, 31), 45));
  EXPECT_FALSE(InUpdateWindow(DueOn(absl::CivilDay(2028, 3, 17)), absl::CivilDay(2028, 1, 31), 45));
}

TEST(UpdateWindow, AnOverdueActionIsInIt) {
  EXPECT_TRUE(InUpdateWindow(DueOn(absl::CivilDay(2026, 1, 1)), absl::CivilDay(2027, 1, 31), 45));
}

TEST(NextStep, AnActionDueSoonIsAskedOnceAMonth) {
  const v1::Action a = DueOn(absl::CivilDay(2027, 2, 15));
  EXPECT_EQ(StepOn(a, nullptr, absl::CivilDay(2027, 1, 31)), CycleStep::kAsk);
  v1::UpdateRequest r = Ask(a, "r", absl::CivilDay(2027, 1, 31));
  Answer(r, "plans/p-1/actions/1/updates/1");
  EXPECT_EQ(StepOn(a, &r, absl::CivilDay(2027, 1, 31)), CycleStep::kNone);
  // The next day is a new month: asked again.
  EXPECT_EQ(StepOn(a, &r, absl::CivilDay(2027, 2, 1)), CycleStep::kAsk);
}

TEST(NextStep, AnActionDueLaterIsNotAsked) {
  EXPECT_EQ(StepOn(DueOn(absl::CivilDay(2027, 6, 30)), nullptr, absl::CivilDay(2027, 1, 31)),
            CycleStep::kNone);
}

TEST(NextStep, AnUpdateGivenThisMonthMeansNoAsk) {
  v1::Action a = DueOn(absl::CivilDay(2027, 2, 15));
  *a.mutable_last_update_date() = ToProto(absl::CivilDay(2027, 1, 3));
  EXPECT_EQ(StepOn(a, nullptr, absl::CivilDay(2027, 1, 20)), CycleStep::kNone);
  EXPECT_EQ(StepOn(a, nullptr, absl::CivilDay(2027, 2, 1)), CycleStep::kAsk);
}

TEST(NextStep, UnansweredItIsRemindedWeeklyAndEscalatedAfterFourteenDays) {
  const v1::Action a = DueOn(absl::CivilDay(2027, 2, 15));
  v1::UpdateRequest r = Ask(a, "r", absl::CivilDay(2027, 1, 25));
  EXPECT_EQ(StepOn(a, &r, absl::CivilDay(2027, 1, 31)), CycleStep::kNone);
  // Across the month's end the open request is reminded, not asked again.
  EXPECT_EQ(StepOn(a, &r, absl::CivilDay(2027, 2, 1)), CycleStep::kRemind);
  Remind(r, absl::CivilDay(2027, 2, 1));
  EXPECT_EQ(StepOn(a, &r, absl::CivilDay(2027, 2, 7)), CycleStep::kNone);
  EXPECT_EQ(StepOn(a, &r, absl::CivilDay(2027, 2, 8)), CycleStep::kEscalate);
  Escalate(r, "hos-1", absl::CivilDay(2027, 2, 8));
  EXPECT_EQ(r.escalated_to(), "hos-1");
  // Escalated once; still reminded until an update comes.
  EXPECT_EQ(StepOn(a, &r, absl::CivilDay(2027, 2, 8)), CycleStep::kRemind);
}

TEST(NextStep, AClosedActionIsNotAsked) {
  v1::Action a = DueOn(absl::CivilDay(2027, 2, 15));
  a.set_state(v1::ACTION_STATE_COMPLETED);
  EXPECT_EQ(StepOn(a, nullptr, absl::CivilDay(2027, 1, 31)), CycleStep::kNone);
}

TEST(UpdateOverdue, FromTheFirstReminderDay) {
  const v1::Action a = DueOn(absl::CivilDay(2027, 2, 15));
  const v1::UpdateRequest r = Ask(a, "r", absl::CivilDay(2027, 1, 25));
  EXPECT_FALSE(UpdateOverdue(r, DefaultSettings(), absl::CivilDay(2027, 1, 31)));
  EXPECT_TRUE(UpdateOverdue(r, DefaultSettings(), absl::CivilDay(2027, 2, 1)));
}

TEST(HighOverdue, EscalatedOnceForEachTargetDateItMisses) {
  v1::Action a = DueOn(absl::CivilDay(2027, 1, 29));
  a.set_priority(v1::PRIORITY_HIGH);
  EXPECT_FALSE(HighOverdueToEscalate(a, absl::CivilDay(2027, 1, 29)));
  EXPECT_TRUE(HighOverdueToEscalate(a, absl::CivilDay(2027, 1, 30)));
  EscalateOverdue(a, "hos-1", absl::CivilDay(2027, 1, 30));
  EXPECT_FALSE(HighOverdueToEscalate(a, absl::CivilDay(2027, 2, 20)));
  *a.mutable_target_date() = ToProto(absl::CivilDay(2027, 3, 31));
  EXPECT_FALSE(HighOverdueToEscalate(a, absl::CivilDay(2027, 3, 31)));
  EXPECT_TRUE(HighOverdueToEscalate(a, absl::CivilDay(2027, 4, 1)));
}

TEST(HighOverdue, AMediumActionIsNotEscalated) {
  const v1::Action a = DueOn(absl::CivilDay(2027, 1, 29));
  EXPECT_FALSE(HighOverdueToEscalate(a, absl::CivilDay(2027, 3, 1)));
}

}  // namespace
}  // namespace assure::actionplans
