#include "tests/actionplans/actionplans_fixture.h"

namespace assure::actionplans {
namespace {

TEST_F(ActionPlansServiceTest, TheBoardReportReconcilesWithTheActionsListed) {
  const v1::Plan p = Created();
  v1::Action late = ActionOn(p.name());
  ActionOn(p.name(), "LA1", v1::PRIORITY_LOW, absl::CivilDay(2026, 12, 1));
  v1::Action slipped = ActionOn(Created("p-2").name(), "LA1", v1::PRIORITY_MEDIUM);
  v1::ChangeTargetDateRequest move;
  move.set_name(slipped.name());
  *move.mutable_target_date() = ToProto(absl::CivilDay(2026, 12, 31));
  move.set_reason("waiting for the new case system");
  ASSERT_TRUE(stub_->ChangeTargetDate(Owner().get(), move, &slipped).ok());
  v1::RecordFollowUpRequest test;
  test.set_parent(late.name());
  test.mutable_follow_up()->set_observations("Reasons recorded for 3 of 10 sampled");
  test.mutable_follow_up()->set_status(v1::FOLLOW_UP_STATUS_NOT_IMPLEMENTED);
  v1::FollowUp f;
  ASSERT_TRUE(stub_->RecordFollowUp(Auditor().get(), test, &f).ok());
  Created("p-1", APlan(), "LA2");
  Today(absl::CivilDay(2026, 7, 15));

  v1::BoardReport report;
  ASSERT_TRUE(stub_->GetBoardReport(Owner().get(), v1::GetBoardReportRequest(), &report).ok());
  v1::ListActionsRequest list;
  list.set_parent("plans/-");
  v1::ListActionsResponse all;
  ASSERT_TRUE(stub_->ListActions(Owner().get(), list, &all).ok());
  int64_t overdue = 0;
  for (const auto& a : all.actions())
    overdue += *DayOf(a.target_date()) < absl::CivilDay(2026, 7, 15);
  EXPECT_EQ(report.overdue(), overdue);
  EXPECT_EQ(report.overdue(), 1);
  EXPECT_EQ(report.slipped(), 1);
  ASSERT_EQ(report.plans_size(), 2);  // LA1's only
  EXPECT_EQ(report.plans(0).rag(), v1::RAG_RED);
  EXPECT_EQ(report.plans(1).rag(), v1::RAG_AMBER);
  ASSERT_EQ(report.high_not_implemented_size(), 1);
  EXPECT_EQ(report.high_not_implemented(0).action(), late.name());
  ASSERT_EQ(report.slipped_actions_size(), 1);
  EXPECT_EQ(report.slipped_actions(0).target_date_changes(0).reason(),
            "waiting for the new case system");
  EXPECT_EQ(Exported("assure_actions_overdue{priority=\"high\",tenant=\"LA1\"}"), "1");

  v1::GetBoardReportRequest one;
  one.set_plan("plans/p-2");
  ASSERT_TRUE(stub_->GetBoardReport(Owner().get(), one, &report).ok());
  ASSERT_EQ(report.plans_size(), 1);
  EXPECT_EQ(report.overdue(), 0);
}

}  // namespace
}  // namespace assure::actionplans
