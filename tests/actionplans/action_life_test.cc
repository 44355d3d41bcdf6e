#include "services/actionplans/action_life.h"

#include "gtest/gtest.h"
#include "tests/actionplans/action_builders.h"

namespace assure::actionplans {
namespace {

const Actor kManager{"hos-1", absl::FromUnixSeconds(1780000000)};
const Actor kOwner{"tm-1", absl::FromUnixSeconds(1780000000)};
const Actor kAuditor{"ia-1", absl::FromUnixSeconds(1780000000)};

TEST(ChangeTarget, ALaterDateIsASlipKeptWithWhoAndWhyAndTheOriginalStays) {
  v1::Action a = AnAction();
  ASSERT_TRUE(
      ChangeTarget(a, absl::CivilDay(2026, 9, 30), "waiting for the new system", kManager).ok());
  EXPECT_EQ(a.slips(), 1);
  EXPECT_EQ(*DayOf(a.target_date()), absl::CivilDay(2026, 9, 30));
  EXPECT_EQ(*DayOf(a.original_target_date()), absl::CivilDay(2026, 6, 30));
  ASSERT_EQ(a.target_date_changes_size(), 1);
  EXPECT_TRUE(a.target_date_changes(0).slip());
  EXPECT_EQ(a.target_date_changes(0).changed_by(), "hos-1");
  EXPECT_EQ(a.target_date_changes(0).reason(), "waiting for the new system");
  EXPECT_EQ(*DayOf(a.target_date_changes(0).from_date()), absl::CivilDay(2026, 6, 30));
}

TEST(ChangeTarget, AnEarlierDateIsKeptButIsNotASlip) {
  v1::Action a = AnAction();
  ASSERT_TRUE(ChangeTarget(a, absl::CivilDay(2026, 9, 30), "later", kManager).ok());
  ASSERT_TRUE(ChangeTarget(a, absl::CivilDay(2026, 8, 31), "sooner after all", kManager).ok());
  EXPECT_EQ(a.slips(), 1);
  ASSERT_EQ(a.target_date_changes_size(), 2);
  EXPECT_FALSE(a.target_date_changes(1).slip());
}

TEST(ChangeTarget, EverySlipCountsNotJustTheFirst) {
  v1::Action a = AnAction();
  ASSERT_TRUE(ChangeTarget(a, absl::CivilDay(2026, 7, 31), "one", kManager).ok());
  ASSERT_TRUE(ChangeTarget(a, absl::CivilDay(2026, 8, 31), "two", kManager).ok());
  ASSERT_TRUE(ChangeTarget(a, absl::CivilDay(2026, 12, 31), "three", kManager).ok());
  EXPECT_EQ(a.slips(), 3);
}

TEST(ChangeTarget, TheSameDateOrAClosedActionIsRefusedAndNothingChanges) {
  v1::Action a = AnAction();
  EXPECT_EQ(RuleOf(ChangeTarget(a, absl::CivilDay(2026, 6, 30), "x", kManager)),
            "action.same_target_date");
  a.set_state(v1::ACTION_STATE_COMPLETED);
  const v1::Action before = a;
  EXPECT_EQ(RuleOf(ChangeTarget(a, absl::CivilDay(2026, 7, 1), "x", kManager)), "action.open");
  EXPECT_EQ(a.SerializeAsString(), before.SerializeAsString());
}

TEST(Reassign, MovesTeamAndOfficersAndKeepsWhereItCameFrom) {
  v1::Action a = AnAction();
  ASSERT_TRUE(Reassign(a, "Performance team", {"pm-1"}, "the data is theirs", kManager).ok());
  EXPECT_EQ(a.team(), "Performance team");
  ASSERT_EQ(a.responsible_officers_size(), 1);
  EXPECT_EQ(a.responsible_officers(0), "pm-1");
  ASSERT_EQ(a.reassignments_size(), 1);
  EXPECT_EQ(a.reassignments(0).from_team(), "IRO service");
  EXPECT_EQ(a.reassignments(0).reason(), "the data is theirs");
}

TEST(ApplyFollowUp, AnOfficerCannotTestTheirOwnAction) {
  v1::Action a = AnAction();
  v1::FollowUp f;
  f.set_status(v1::FOLLOW_UP_STATUS_IMPLEMENTED);
  EXPECT_EQ(RuleOf(ApplyFollowUp(a, f, kOwner)), "follow_up.not_owner");
  EXPECT_EQ(a.follow_up_status(), v1::FOLLOW_UP_STATUS_UNSPECIFIED);
}

TEST(ApplyFollowUp, ARevisedDeadlineIsASlipWithTheRevisedResponseAsItsReason) {
  v1::Action a = AnAction();
  v1::FollowUp f;
  f.set_status(v1::FOLLOW_UP_STATUS_PARTLY_IMPLEMENTED);
  f.set_revised_response("Reasons recorded for half; training in September");
  *f.mutable_revised_target_date() = ToProto(absl::CivilDay(2026, 10, 31));
  ASSERT_TRUE(ApplyFollowUp(a, f, kAuditor).ok());
  EXPECT_EQ(a.follow_up_status(), v1::FOLLOW_UP_STATUS_PARTLY_IMPLEMENTED);
  EXPECT_EQ(a.slips(), 1);
  EXPECT_EQ(a.target_date_changes(0).changed_by(), "ia-1");
  EXPECT_NE(a.target_date_changes(0).reason().find("training in September"), std::string::npos);
  EXPECT_TRUE(IsOpen(a));
}

TEST(ApplyFollowUp, SupersededEndsTheAction) {
  v1::Action a = AnAction();
  v1::FollowUp f;
  f.set_status(v1::FOLLOW_UP_STATUS_SUPERSEDED);
  ASSERT_TRUE(ApplyFollowUp(a, f, kAuditor).ok());
  EXPECT_EQ(a.state(), v1::ACTION_STATE_SUPERSEDED);
}

TEST(Complete, NeedsEvidenceAndAVerifierWhoIsNotAnOfficer) {
  v1::Action a = AnAction();
  EXPECT_EQ(RuleOf(Complete(a, {}, kManager, absl::CivilDay(2026, 6, 1))), "action.evidence");
  EXPECT_EQ(RuleOf(Complete(a, {"sample of 20 reviews"}, kOwner, absl::CivilDay(2026, 6, 1))),
            "action.verifier_not_owner");
  EXPECT_TRUE(IsOpen(a));
  ASSERT_TRUE(Complete(a, {"sample of 20 reviews"}, kManager, absl::CivilDay(2026, 6, 1)).ok());
  EXPECT_EQ(a.state(), v1::ACTION_STATE_COMPLETED);
  EXPECT_EQ(a.verified_by(), "hos-1");
  EXPECT_TRUE(CompletedOnTime(a));
}

TEST(Complete, AfterTheTargetIsNotOnTime) {
  v1::Action a = AnAction();
  ASSERT_TRUE(Complete(a, {"done"}, kManager, absl::CivilDay(2026, 7, 1)).ok());
  EXPECT_FALSE(CompletedOnTime(a));
}

TEST(IsOverdue, FromTheDayAfterTheTargetAndOnlyWhileOpen) {
  v1::Action a = AnAction();
  EXPECT_FALSE(IsOverdue(a, absl::CivilDay(2026, 6, 30)));
  EXPECT_TRUE(IsOverdue(a, absl::CivilDay(2026, 7, 1)));
  a.set_state(v1::ACTION_STATE_SUPERSEDED);
  EXPECT_FALSE(IsOverdue(a, absl::CivilDay(2026, 7, 1)));
}

}  // namespace
}  // namespace assure::actionplans
