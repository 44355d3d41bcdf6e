#include "services/actionplans/plan_life.h"

#include "gtest/gtest.h"
#include "tests/actionplans/action_builders.h"

namespace assure::actionplans {
namespace {

const Actor kBoardChair{"dcs-1", absl::FromUnixSeconds(1780000000)};
const Actor kPlanOwner{"hos-1", absl::FromUnixSeconds(1780000000)};

WorkingDays Calendar() { return *WorkingDays::EnglandAndWales(); }

TEST(PlanLife, DraftToAgreedToDeliveryToClosedWithTheBoardsSignOffs) {
  v1::Plan p = APlan();
  p.set_state(v1::PLAN_STATE_DRAFT);
  ASSERT_TRUE(Agree(p, "Performance Board 12 January 2027", kBoardChair).ok());
  EXPECT_EQ(p.state(), v1::PLAN_STATE_AGREED);
  EXPECT_EQ(p.agreed().signed_by(), "dcs-1");
  ASSERT_TRUE(StartDelivery(p).ok());
  ASSERT_TRUE(Close(p, 0, "Performance Board 9 March 2028", kBoardChair).ok());
  EXPECT_EQ(p.state(), v1::PLAN_STATE_CLOSED);
  EXPECT_EQ(p.closed().meeting(), "Performance Board 9 March 2028");
  EXPECT_FALSE(IsOpenPlan(p));
}

TEST(PlanLife, TheOwnerCannotSignOffTheirOwnPlan) {
  v1::Plan p = APlan();
  p.set_state(v1::PLAN_STATE_DRAFT);
  EXPECT_EQ(RuleOf(Agree(p, "m", kPlanOwner)), "plan.sign_off_not_owner");
  EXPECT_EQ(p.state(), v1::PLAN_STATE_DRAFT);
}

TEST(PlanLife, APlanWithOpenActionsIsNotClosed) {
  v1::Plan p = APlan();
  p.set_state(v1::PLAN_STATE_IN_DELIVERY);
  EXPECT_EQ(RuleOf(Close(p, 2, "m", kBoardChair)), "plan.actions_open");
  EXPECT_EQ(p.state(), v1::PLAN_STATE_IN_DELIVERY);
}

TEST(PlanLife, StepsOutOfOrderAreRefused) {
  v1::Plan p = APlan();
  p.set_state(v1::PLAN_STATE_DRAFT);
  EXPECT_EQ(RuleOf(StartDelivery(p)), "plan.state");
  EXPECT_EQ(RuleOf(Close(p, 0, "m", kBoardChair)), "plan.state");
  p.set_state(v1::PLAN_STATE_AGREED);
  EXPECT_EQ(RuleOf(Agree(p, "m", kBoardChair)), "plan.state");
}

TEST(StatementDue, SeventyWorkingDaysAfterTheReportAcrossChristmas) {
  v1::Plan p = APlan();
  p.set_source(v1::PLAN_SOURCE_OFSTED_INSPECTION);
  *p.mutable_inspection()->mutable_report_date() = ToProto(absl::CivilDay(2026, 11, 20));
  const auto due = StatementDue(p, Calendar());
  ASSERT_TRUE(due.has_value());
  // 27 working days to 31 December (Christmas Day, and Boxing Day, a Saturday, moved to
  // Monday 28 December, are not counted), then 43 in 2027 (1 January is a holiday).
  EXPECT_EQ(due->date, absl::CivilDay(2027, 3, 3));
  EXPECT_EQ(due->rule, "inspection.statement_of_action");
  EXPECT_EQ(due->level, assure::type::v1::RULE_LEVEL_LAW);
  EXPECT_EQ(Calendar().WorkingDaysBetween(absl::CivilDay(2026, 11, 20), due->date), 70);
}

TEST(StatementDue, AFocusedVisitWithPriorityActionsOwesADraftInTwentyWorkingDays) {
  v1::Plan p = APlan();
  p.set_source(v1::PLAN_SOURCE_OFSTED_FOCUSED_VISIT);
  *p.mutable_inspection()->mutable_report_date() = ToProto(absl::CivilDay(2027, 3, 19));
  EXPECT_FALSE(StatementDue(p, Calendar()).has_value());
  p.mutable_inspection()->set_priority_actions(true);
  const auto due = StatementDue(p, Calendar());
  ASSERT_TRUE(due.has_value());
  // Good Friday 26 March and Easter Monday 29 March 2027 are not working days.
  EXPECT_EQ(due->date, absl::CivilDay(2027, 4, 20));
  EXPECT_EQ(due->rule, "inspection.priority_action_plan_draft");
}

TEST(StatementDue, OtherPlansOweNone) {
  EXPECT_FALSE(StatementDue(APlan(), Calendar()).has_value());
}

TEST(PlanSourceFor, EachFindingSourceHasItsKindOfPlan) {
  EXPECT_EQ(PlanSourceFor(v1::FINDING_SOURCE_AUDIT_THEME), v1::PLAN_SOURCE_CASE_FILE_AUDIT);
  EXPECT_EQ(PlanSourceFor(v1::FINDING_SOURCE_AUDIT_PROGRAMME), v1::PLAN_SOURCE_CASE_FILE_AUDIT);
  EXPECT_EQ(PlanSourceFor(v1::FINDING_SOURCE_DISPUTE), v1::PLAN_SOURCE_DISPUTE_OUTCOME);
  EXPECT_EQ(PlanSourceFor(v1::FINDING_SOURCE_ANNUAL_REPORT), v1::PLAN_SOURCE_IRO_ANNUAL_REPORT);
  EXPECT_EQ(PlanSourceFor(v1::FINDING_SOURCE_ALLOWANCE_CONTROL), v1::PLAN_SOURCE_ALLOWANCE_CONTROL);
}

}  // namespace
}  // namespace assure::actionplans
