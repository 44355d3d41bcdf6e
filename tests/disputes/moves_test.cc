#include "services/disputes/moves.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/disputes/dispute_builders.h"

namespace assure::disputes {
namespace {

using ::testing::ElementsAre;

class MovesTest : public ::testing::Test {
 protected:
  v1::Dispute Raised(int start_level = 0, absl::Time at = At(2026, 11, 2)) {
    v1::Dispute d = NewDispute("d1", start_level);
    EXPECT_TRUE(Raise(d, settings_, cal_, By("iro-1", at, d.concern())).ok());
    return d;
  }

  WorkingDays cal_ = *WorkingDays::EnglandAndWales();
  v1::DisputeSettings settings_ = DefaultSettings();
};

TEST_F(MovesTest, RaisingStartsAtTheInformalStepWithItsLimitInWorkingDays) {
  const v1::Dispute d = Raised();
  EXPECT_EQ(d.state(), v1::DISPUTE_STATE_OPEN);
  EXPECT_EQ(d.stage_level(), 0);
  EXPECT_EQ(d.stage_role(), "informal");
  EXPECT_EQ(d.raised_by(), "iro-1");
  // Monday 2 November 2026 + 5 working days.
  EXPECT_EQ(FromProto(d.stage_due().due_date()).day, absl::CivilDay(2026, 11, 9));
  ASSERT_EQ(d.history_size(), 1);
  EXPECT_EQ(d.history(0).kind(), v1::EVENT_KIND_RAISED);
}

TEST_F(MovesTest, AnIroMayStartAtAFormalStageAndTheInformalStepIsStillRecorded) {
  const v1::Dispute d = Raised(3);
  EXPECT_EQ(d.stage_level(), 3);
  EXPECT_EQ(d.stage_role(), "head_of_service");
  ASSERT_EQ(d.stages_size(), 2);
  EXPECT_EQ(d.stages(0).level(), 0);
  EXPECT_TRUE(d.stages(0).has_end_time());
  EXPECT_EQ(d.stages(1).level(), 3);
  EXPECT_EQ(d.history(0).to_level(), 3);
}

TEST_F(MovesTest, RaisingAboveTheTopOfTheLadderNamesTheField) {
  v1::Dispute d = NewDispute("d1", 6);
  const auto st = Raise(d, settings_, cal_, By("iro-1", At(2026, 11, 2)));
  EXPECT_THAT(FieldsOf(st), ElementsAre("dispute.stage_level"));
}

TEST_F(MovesTest, EscalatingMovesToTheNextStageAndKeepsWhoWhenAndWhat) {
  v1::Dispute d = Raised();
  ASSERT_TRUE(Escalate(d, settings_, cal_, 0, "officer-1", By("iro-1", At(2026, 11, 5), "no reply")).ok());
  EXPECT_EQ(d.stage_level(), 1);
  EXPECT_EQ(d.stage_role(), "team_manager");
  const auto& e = d.history(d.history_size() - 1);
  EXPECT_EQ(e.kind(), v1::EVENT_KIND_ESCALATED);
  EXPECT_EQ(e.actor(), "iro-1");
  EXPECT_EQ(e.note(), "no reply");
  EXPECT_EQ(e.from_level(), 0);
  EXPECT_EQ(e.to_level(), 1);
  EXPECT_FALSE(e.automatic());
  EXPECT_TRUE(d.stages(0).has_end_time());
}

TEST_F(MovesTest, AnIroMaySkipStagesStraightToTheChiefExecutive) {
  v1::Dispute d = Raised(1);
  ASSERT_TRUE(Escalate(d, settings_, cal_, 5, "officer-1", By("iro-1", At(2026, 11, 3))).ok());
  EXPECT_EQ(d.stage_role(), "chief_executive");
}

TEST_F(MovesTest, EscalatingDownOrSidewaysIsRefusedNamingTheRule) {
  v1::Dispute d = Raised(3);
  EXPECT_EQ(RuleOf(Escalate(d, settings_, cal_, 2, "officer-1", By("iro-1", At(2026, 11, 3)))),
            "dispute.escalates_upwards");
  EXPECT_EQ(RuleOf(Escalate(d, settings_, cal_, 3, "officer-1", By("iro-1", At(2026, 11, 3)))),
            "dispute.escalates_upwards");
  EXPECT_EQ(d.stage_level(), 3);
}

TEST_F(MovesTest, AtTheTopOfTheLadderTheNextStepIsCafcassNotAnotherStage) {
  v1::Dispute d = Raised(5);
  EXPECT_EQ(RuleOf(Escalate(d, settings_, cal_, 0, "officer-1", By("iro-1", At(2026, 11, 3)))),
            "dispute.top_of_ladder");
  EXPECT_THAT(FieldsOf(Escalate(d, settings_, cal_, 6, "officer-1", By("iro-1", At(2026, 11, 3)))),
              ElementsAre("to_level"));
  EXPECT_TRUE(ReferToCafcass(d, By("iro-1", At(2026, 11, 3), "s25B(3) referral")).ok());
}

TEST_F(MovesTest, CafcassReferralIsAllowedAtAnyPointOnceAndTheDisputeStaysOpen) {
  v1::Dispute d = Raised(0);
  ASSERT_TRUE(ReferToCafcass(d, By("iro-1", At(2026, 11, 3), "urgent")).ok());
  EXPECT_EQ(d.state(), v1::DISPUTE_STATE_OPEN);
  EXPECT_EQ(d.cafcass_referral().referred_by(), "iro-1");
  EXPECT_EQ(RuleOf(ReferToCafcass(d, By("iro-1", At(2026, 11, 4)))), "dispute.referred_once");
  EXPECT_TRUE(Escalate(d, settings_, cal_, 0, "officer-1", By("iro-1", At(2026, 11, 4))).ok());
}

TEST_F(MovesTest, ResolvingNeedsAnOutcomeAndANote) {
  v1::Dispute d = Raised(1);
  EXPECT_THAT(FieldsOf(Resolve(d, v1::OUTCOME_UNSPECIFIED, By("iro-1", At(2026, 11, 3)))),
              ElementsAre("outcome"));
  EXPECT_THAT(FieldsOf(Resolve(d, v1::OUTCOME_ACTION_AGREED, By("iro-1", At(2026, 11, 3), ""))),
              ElementsAre("note"));
  ASSERT_TRUE(Resolve(d, v1::OUTCOME_ACTION_AGREED, By("tm-1", At(2026, 11, 3), "agreed")).ok());
  EXPECT_EQ(d.state(), v1::DISPUTE_STATE_RESOLVED);
  EXPECT_EQ(d.outcome(), v1::OUTCOME_ACTION_AGREED);
  EXPECT_TRUE(d.has_close_time());
  EXPECT_TRUE(d.stages(d.stages_size() - 1).has_end_time());
}

TEST_F(MovesTest, AClosedDisputeRefusesEveryMoveButACafcassReferral) {
  v1::Dispute resolved = Raised(1);
  ASSERT_TRUE(Resolve(resolved, v1::OUTCOME_EXPLANATION_ACCEPTED, By("iro-1", At(2026, 11, 3))).ok());
  v1::Dispute withdrawn = Raised(1);
  ASSERT_TRUE(Withdraw(withdrawn, By("iro-1", At(2026, 11, 3), "plan changed")).ok());
  EXPECT_EQ(withdrawn.state(), v1::DISPUTE_STATE_WITHDRAWN);
  for (v1::Dispute* d : {&resolved, &withdrawn}) {
    const Move m = By("iro-1", At(2026, 11, 4));
    EXPECT_EQ(RuleOf(Escalate(*d, settings_, cal_, 0, "officer-1", m)), "dispute.closed");
    EXPECT_EQ(RuleOf(Resolve(*d, v1::OUTCOME_ACTION_AGREED, m)), "dispute.closed");
    EXPECT_EQ(RuleOf(Withdraw(*d, m)), "dispute.closed");
    // The IRO may still refer to Cafcass, once, and its outcome is recorded, once.
    EXPECT_EQ(RuleOf(RecordCafcassOutcome(*d, By("iro-1", At(2026, 11, 5), "advised"))),
              "dispute.cafcass_referred_first");
    ASSERT_TRUE(ReferToCafcass(*d, By("iro-1", At(2026, 11, 5), "plan still not agreed")).ok());
    EXPECT_TRUE(d->cafcass_referral().after_close());
    EXPECT_EQ(RuleOf(ReferToCafcass(*d, By("iro-1", At(2026, 11, 6), "again"))),
              "dispute.referred_once");
    ASSERT_TRUE(
        RecordCafcassOutcome(*d, By("iro-1", At(2026, 12, 1), "Cafcass advised; plan revised"))
            .ok());
    EXPECT_EQ(d->cafcass_referral().outcome(), "Cafcass advised; plan revised");
    EXPECT_EQ(d->cafcass_referral().outcome_recorded_by(), "iro-1");
    EXPECT_EQ(RuleOf(RecordCafcassOutcome(*d, By("iro-1", At(2026, 12, 2), "more"))),
              "dispute.cafcass_outcome_once");
  }
}

TEST_F(MovesTest, EachStageNamesItsResponsibleOfficer) {
  v1::Dispute d = Raised(0);
  EXPECT_THAT(FieldsOf(Escalate(d, settings_, cal_, 0, "", By("iro-1", At(2026, 11, 3), "no reply"))),
              ::testing::ElementsAre("responsible_officer"));
  ASSERT_TRUE(Escalate(d, settings_, cal_, 2, "sm-4", By("iro-1", At(2026, 11, 3), "no reply")).ok());
  EXPECT_EQ(d.responsible_officer(), "sm-4");
  EXPECT_EQ(d.stages(d.stages_size() - 1).responsible_officer(), "sm-4");
  EXPECT_EQ(d.stages(0).responsible_officer(), "");
}

TEST_F(MovesTest, StageLimitsCountWorkingDaysAcrossBankHolidays) {
  // Raised Wednesday 23 December 2026 at team manager (5 working days): Christmas Day,
  // Boxing Day (substitute Monday 28th), New Year's Day and the weekends do not count.
  const v1::Dispute d = Raised(1, At(2026, 12, 23));
  EXPECT_EQ(FromProto(d.stage_due().due_date()).day, absl::CivilDay(2027, 1, 4));
  EXPECT_EQ(d.stage_due().rule(), "disputes.stage_limit");
  EXPECT_EQ(d.stage_due().level(), assure::type::v1::RULE_LEVEL_LOCAL);
}

TEST_F(MovesTest, TheDriftCheckMarksAStagePastItsLimitOnceAndLeavesItWhenTheAuthorityChoseNotToEscalate) {
  v1::Dispute d = Raised(1);  // due Monday 9 November
  EXPECT_FALSE(CheckDrift(d, settings_, cal_, At(2026, 11, 9, 17)));
  EXPECT_TRUE(CheckDrift(d, settings_, cal_, At(2026, 11, 10)));
  EXPECT_TRUE(d.stages(1).overdue());
  EXPECT_EQ(d.stage_level(), 1);
  const auto& e = d.history(d.history_size() - 1);
  EXPECT_EQ(e.kind(), v1::EVENT_KIND_MARKED_OVERDUE);
  EXPECT_EQ(e.actor(), kDriftCheckActor);
  EXPECT_TRUE(e.automatic());
  EXPECT_FALSE(CheckDrift(d, settings_, cal_, At(2026, 11, 11)));
}

TEST_F(MovesTest, TheDriftCheckEscalatesWhenTheAuthorityChoseSoAndRecordsItLikeAPerson) {
  settings_.set_auto_escalate(true);
  v1::Dispute d = Raised(1);
  ASSERT_TRUE(CheckDrift(d, settings_, cal_, At(2026, 11, 10)));
  EXPECT_EQ(d.stage_level(), 2);
  EXPECT_TRUE(d.stages(1).overdue());
  EXPECT_TRUE(d.stages(1).has_end_time());
  const auto& e = d.history(d.history_size() - 1);
  EXPECT_EQ(e.kind(), v1::EVENT_KIND_ESCALATED);
  EXPECT_EQ(e.actor(), kDriftCheckActor);
  EXPECT_FALSE(e.note().empty());
  // The new stage has its own limit from the day it started: 5 working days after 10 Nov.
  EXPECT_EQ(FromProto(d.stage_due().due_date()).day, absl::CivilDay(2026, 11, 17));
}

TEST_F(MovesTest, TheDriftCheckNeverEscalatesPastTheTopButFlagsIt) {
  settings_.set_auto_escalate(true);
  v1::Dispute d = Raised(5);  // Chief Executive, 3 working days: due 5 November
  ASSERT_TRUE(CheckDrift(d, settings_, cal_, At(2026, 11, 6)));
  EXPECT_EQ(d.stage_level(), 5);
  EXPECT_TRUE(d.stages(d.stages_size() - 1).overdue());
}

TEST_F(MovesTest, PresentShowsOverdueAndFormalWorkingDays) {
  v1::Dispute d = Raised(1);
  Present(d, cal_, At(2026, 11, 16));
  EXPECT_TRUE(d.overdue());
  EXPECT_EQ(d.formal_working_days(), 10);
  ASSERT_TRUE(Resolve(d, v1::OUTCOME_ACTION_AGREED, By("iro-1", At(2026, 11, 20))).ok());
  Present(d, cal_, At(2026, 12, 20));
  EXPECT_FALSE(d.overdue());
  EXPECT_EQ(d.formal_working_days(), 14);
}

}  // namespace
}  // namespace assure::disputes
