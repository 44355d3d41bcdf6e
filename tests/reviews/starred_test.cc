#include "services/reviews/starred.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/dates.h"

namespace assure::reviews {
namespace {

using ::testing::HasSubstr;

v1::Decision Starred(absl::CivilDay deadline) {
  v1::Decision d;
  d.set_text("Find a permanent placement");
  d.set_owner("tm-4");
  d.set_starred(true);
  d.set_state(v1::DECISION_STATE_OPEN);
  *d.mutable_due_date() = ToProto(deadline);
  return d;
}

TEST(StarredTest, TheDeadlineIsMissedOnlyFromTheDayAfterIt) {
  const v1::Decision d = Starred(absl::CivilDay(2026, 12, 1));
  EXPECT_FALSE(MissedStarredDeadline(d, absl::CivilDay(2026, 11, 30)));
  EXPECT_FALSE(MissedStarredDeadline(d, absl::CivilDay(2026, 12, 1)));
  EXPECT_TRUE(MissedStarredDeadline(d, absl::CivilDay(2026, 12, 2)));
}

TEST(StarredTest, ADoneUnstarredOrAlreadyLoggedDecisionHasNoDeadlineToMiss) {
  const absl::CivilDay later(2027, 1, 4);
  v1::Decision done = Starred(absl::CivilDay(2026, 12, 1));
  done.set_state(v1::DECISION_STATE_DONE);
  EXPECT_FALSE(MissedStarredDeadline(done, later));
  v1::Decision plain = Starred(absl::CivilDay(2026, 12, 1));
  plain.set_starred(false);
  EXPECT_FALSE(MissedStarredDeadline(plain, later));
  v1::Decision logged = Starred(absl::CivilDay(2026, 12, 1));
  logged.set_dispute("disputes/d-1");
  EXPECT_FALSE(MissedStarredDeadline(logged, later));
}

TEST(StarredTest, TheConcernNamesTheDeadlineTheOwnerAndTheRecommendation) {
  const std::string concern = MissedDeadlineConcern(Starred(absl::CivilDay(2026, 12, 1)));
  EXPECT_THAT(concern, HasSubstr("2026-12-01"));
  EXPECT_THAT(concern, HasSubstr("tm-4"));
  EXPECT_THAT(concern, HasSubstr("Find a permanent placement"));
}

}  // namespace
}  // namespace assure::reviews
