// Concerns as pure rules: which step each state allows, and when one is overdue.
#include "services/reviews/concerns.h"

#include "gtest/gtest.h"
#include "services/common/dates.h"

namespace assure::reviews {
namespace {

v1::Concern RaisedOn(absl::CivilDay day, v1::ConcernState state = v1::CONCERN_STATE_RAISED) {
  v1::Concern c;
  c.set_name("children/C1/concerns/1");
  c.set_state(state);
  *c.mutable_raise_time() = ToProto(absl::FromCivil(absl::CivilSecond(day), London()) +
                                    absl::Hours(10));
  static const WorkingDays* calendar = new WorkingDays(*WorkingDays::EnglandAndWales());
  SetConcernDueDates(c, ConcernTimescales{}, *calendar);
  return c;
}

TEST(ConcernStepsTest, AConcernIsAcknowledgedOnceAndSettledOnce) {
  EXPECT_TRUE(CheckCanAcknowledge(RaisedOn(absl::CivilDay(2026, 11, 2))).ok());
  const auto acknowledged = RaisedOn(absl::CivilDay(2026, 11, 2), v1::CONCERN_STATE_ACKNOWLEDGED);
  EXPECT_FALSE(CheckCanAcknowledge(acknowledged).ok());
  EXPECT_TRUE(CheckCanAnswer(acknowledged).ok());
  EXPECT_TRUE(CheckCanChallenge(acknowledged).ok());
  const auto answered = RaisedOn(absl::CivilDay(2026, 11, 2), v1::CONCERN_STATE_ANSWERED);
  EXPECT_EQ(CheckCanAnswer(answered).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckCanChallenge(answered).ok()) << "an answer does not stop a challenge";
  const auto challenged = RaisedOn(absl::CivilDay(2026, 11, 2), v1::CONCERN_STATE_CHALLENGED);
  EXPECT_FALSE(CheckCanChallenge(challenged).ok());
  EXPECT_FALSE(CheckCanAnswer(challenged).ok());
}

TEST(ConcernTimingTest, DueDatesCountWorkingDaysFromTheDayItWasRaised) {
  const auto c = RaisedOn(absl::CivilDay(2026, 12, 24));  // Thursday before Christmas
  EXPECT_EQ(DayOf(c.acknowledge_due_date()), absl::CivilDay(2026, 12, 30));
  EXPECT_EQ(DayOf(c.answer_due_date()), absl::CivilDay(2027, 1, 12));
}

TEST(ConcernTimingTest, ItIsOverdueUnacknowledgedOrUnsettledPastItsDates) {
  auto c = RaisedOn(absl::CivilDay(2026, 11, 2));  // acknowledge by 4th, answer by 16th
  PresentConcern(c, absl::CivilDay(2026, 11, 4));
  EXPECT_FALSE(c.overdue());
  PresentConcern(c, absl::CivilDay(2026, 11, 5));
  EXPECT_TRUE(c.overdue());
  c.set_state(v1::CONCERN_STATE_ACKNOWLEDGED);
  PresentConcern(c, absl::CivilDay(2026, 11, 5));
  EXPECT_FALSE(c.overdue());
  PresentConcern(c, absl::CivilDay(2026, 11, 17));
  EXPECT_TRUE(c.overdue());
  c.set_state(v1::CONCERN_STATE_ANSWERED);
  PresentConcern(c, absl::CivilDay(2026, 11, 17));
  EXPECT_FALSE(c.overdue());
}

}  // namespace
}  // namespace assure::reviews
