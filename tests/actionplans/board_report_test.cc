#include "services/actionplans/board_report.h"

#include "gtest/gtest.h"
#include "services/actionplans/plan_settings.h"
#include "services/actionplans/update_cycle.h"
#include "tests/actionplans/action_builders.h"

namespace assure::actionplans {
namespace {

const absl::CivilDay kReportDay(2026, 7, 15);

v1::Action On(const std::string& name, v1::Priority priority, absl::CivilDay target) {
  v1::Action a = AnAction();
  a.set_name(name);
  a.set_priority(priority);
  *a.mutable_target_date() = ToProto(target);
  *a.mutable_original_target_date() = a.target_date();
  return a;
}

int64_t CountOf(const google::protobuf::RepeatedPtrField<v1::Count>& counts,
                const std::string& key) {
  for (const auto& c : counts) {
    if (c.key() == key) return c.count();
  }
  return 0;
}

BoardRecords TwoPlans() {
  BoardRecords r;
  r.settings = DefaultSettings();
  r.today = kReportDay;
  v1::Plan p1 = APlan();
  p1.set_name("plans/p-1");
  v1::Plan p2 = APlan();
  p2.set_name("plans/p-2");
  r.plans = {p1, p2};
  // p-1: a High overdue, a Medium slipped but not due, one completed on time.
  r.actions.push_back(On("plans/p-1/actions/1", v1::PRIORITY_HIGH, absl::CivilDay(2026, 7, 1)));
  v1::Action slipped = On("plans/p-1/actions/2", v1::PRIORITY_MEDIUM, absl::CivilDay(2026, 9, 1));
  slipped.set_slips(1);
  slipped.add_target_date_changes()->set_slip(true);
  r.actions.push_back(slipped);
  v1::Action done = On("plans/p-1/actions/3", v1::PRIORITY_LOW, absl::CivilDay(2026, 7, 1));
  done.set_state(v1::ACTION_STATE_COMPLETED);
  *done.mutable_completed_date() = ToProto(absl::CivilDay(2026, 6, 20));
  r.actions.push_back(done);
  // p-2: a High partly implemented, not yet due.
  v1::Action partly = On("plans/p-2/actions/1", v1::PRIORITY_HIGH, absl::CivilDay(2026, 12, 1));
  partly.set_follow_up_status(v1::FOLLOW_UP_STATUS_PARTLY_IMPLEMENTED);
  r.actions.push_back(partly);
  r.open_requests.push_back(Ask(r.actions[1], "q1", absl::CivilDay(2026, 7, 1)));
  r.open_requests.push_back(Ask(r.actions[3], "q2", absl::CivilDay(2026, 7, 14)));
  return r;
}

TEST(BoardReport, CountsReconcileWithTheRecords) {
  const v1::BoardReport report = Report(TwoPlans());
  EXPECT_EQ(CountOf(report.by_state(), "open"), 3);
  EXPECT_EQ(CountOf(report.by_state(), "completed"), 1);
  EXPECT_EQ(CountOf(report.open_by_priority(), "high"), 2);
  EXPECT_EQ(CountOf(report.open_by_priority(), "medium"), 1);
  EXPECT_EQ(CountOf(report.open_by_priority(), "low"), 0);
  EXPECT_EQ(CountOf(report.by_follow_up_status(), "not_tested"), 3);
  EXPECT_EQ(CountOf(report.by_follow_up_status(), "partly_implemented"), 1);
  EXPECT_EQ(report.overdue(), 1);
  EXPECT_EQ(report.slipped(), 1);
  EXPECT_EQ(report.completed(), 1);
  EXPECT_EQ(report.completed_on_time(), 1);
  // Asked on 1 July and past its first reminder; the other asked yesterday.
  EXPECT_EQ(report.updates_overdue(), 1);
  ASSERT_EQ(report.slipped_actions_size(), 1);
  EXPECT_EQ(report.slipped_actions(0).action(), "plans/p-1/actions/2");
  ASSERT_EQ(report.high_not_implemented_size(), 1);
  EXPECT_EQ(report.high_not_implemented(0).plan(), "plans/p-2");
}

TEST(BoardReport, EachPlanHasItsOwnLineAndRag) {
  const v1::BoardReport report = Report(TwoPlans());
  ASSERT_EQ(report.plans_size(), 2);
  EXPECT_EQ(report.plans(0).actions(), 3);
  EXPECT_EQ(report.plans(0).open(), 2);
  EXPECT_EQ(report.plans(0).overdue(), 1);
  EXPECT_EQ(report.plans(0).rag(), v1::RAG_RED);  // a High action overdue
  EXPECT_EQ(report.plans(1).rag(), v1::RAG_GREEN);
}

TEST(Rag, AmberForAnySlipOrOverdueUnderTheRedShare) {
  const v1::ActionPlanSettings s = DefaultSettings();
  v1::Action slipped = On("a", v1::PRIORITY_LOW, absl::CivilDay(2026, 9, 1));
  slipped.set_slips(2);
  const v1::Action fine = On("b", v1::PRIORITY_LOW, absl::CivilDay(2026, 9, 1));
  EXPECT_EQ(RagOf({&slipped, &fine}, s, kReportDay), v1::RAG_AMBER);
  const v1::Action late = On("c", v1::PRIORITY_LOW, absl::CivilDay(2026, 7, 1));
  std::vector<const v1::Action*> five = {&fine, &fine, &fine, &fine, &late};
  EXPECT_EQ(RagOf(five, s, kReportDay), v1::RAG_AMBER);  // 20% overdue: under 25%
  five.pop_back();
  five.pop_back();
  five.push_back(&late);
  EXPECT_EQ(RagOf(five, s, kReportDay), v1::RAG_RED);  // 1 of 4 is 25%
}

TEST(Rag, CompleteWhenNothingIsOpen) {
  v1::Action done = On("a", v1::PRIORITY_HIGH, absl::CivilDay(2026, 7, 1));
  done.set_state(v1::ACTION_STATE_COMPLETED);
  EXPECT_EQ(RagOf({&done}, DefaultSettings(), kReportDay), v1::RAG_COMPLETE);
  EXPECT_EQ(RagOf({}, DefaultSettings(), kReportDay), v1::RAG_COMPLETE);
}

}  // namespace
}  // namespace assure::actionplans
