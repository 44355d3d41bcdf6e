#include "tests/actionplans/actionplans_fixture.h"

namespace assure::actionplans {
namespace {

std::vector<v1::UpdateRequest> Requests(v1::ActionPlansService::Stub& stub,
                                        const std::string& filter = "",
                                        const std::string& tenant = "LA1") {
  v1::ListUpdateRequestsRequest req;
  req.set_filter(filter);
  v1::ListUpdateRequestsResponse out;
  const auto st = stub.ListUpdateRequests(As("hos-1", "senior_manager", tenant).get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return {out.update_requests().begin(), out.update_requests().end()};
}

TEST_F(ActionPlansServiceTest, TheCycleAsksRemindsAndEscalatesUntilAnUpdateAnswers) {
  Today(absl::CivilDay(2026, 5, 20));
  const v1::Action a = ActionOn(Created().name());  // due 30 June: inside 45 days
  ActionOn(Created("later").name(), "LA1", v1::PRIORITY_LOW, absl::CivilDay(2026, 12, 1));
  EXPECT_EQ(service_->RunUpdateCycle(), 1);
  auto asked = Requests(*stub_);
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].name(), "plans/p-1/actions/1/updateRequests/2026-05");
  EXPECT_EQ(asked[0].recipients(0), "tm-1");
  EXPECT_EQ(service_->RunUpdateCycle(), 0);  // asked once

  Today(absl::CivilDay(2026, 5, 27));
  EXPECT_EQ(service_->RunUpdateCycle(), 1);
  EXPECT_EQ(Requests(*stub_)[0].reminders(), 1);
  EXPECT_EQ(Exported("assure_actions_updates_overdue{tenant=\"LA1\"}"), "1");

  Today(absl::CivilDay(2026, 6, 3));
  EXPECT_EQ(service_->RunUpdateCycle(), 1);
  const auto escalated = Requests(*stub_);
  EXPECT_EQ(escalated[0].escalated_to(), "hos-1");
  EXPECT_EQ(*DayOf(escalated[0].escalate_date()), absl::CivilDay(2026, 6, 3));

  v1::ActionUpdate u;
  ASSERT_TRUE(Update(a.name(), absl::CivilDay(2026, 6, 3), &u).ok());
  const auto answered = Requests(*stub_);
  EXPECT_EQ(answered[0].state(), v1::UPDATE_REQUEST_STATE_ANSWERED);
  EXPECT_EQ(answered[0].answered_by(), u.name());
  EXPECT_TRUE(Requests(*stub_, "state = UPDATE_REQUEST_STATE_OPEN").empty());
  service_->RunUpdateCycle();
  EXPECT_EQ(Exported("assure_actions_updates_overdue{tenant=\"LA1\"}"), "0");
}

TEST_F(ActionPlansServiceTest, AnOverdueHighPriorityActionIsEscalatedToThePlansOwnerOnce) {
  const v1::Action a = ActionOn(Created().name());
  Today(absl::CivilDay(2026, 7, 1));
  service_->RunUpdateCycle();
  service_->RunUpdateCycle();
  const v1::Action stored = StoredAction(a.name());
  ASSERT_EQ(stored.escalations_size(), 1);
  EXPECT_EQ(stored.escalations(0).reason(), v1::ESCALATION_REASON_HIGH_PRIORITY_OVERDUE);
  EXPECT_EQ(stored.escalations(0).escalated_to(), "hos-1");
  EXPECT_EQ(Exported("assure_actions_overdue{priority=\"high\",tenant=\"LA1\"}"), "1");
}

TEST_F(ActionPlansServiceTest, CompletingAnActionWithdrawsItsOpenRequest) {
  Today(absl::CivilDay(2026, 6, 1));
  v1::Action a = ActionOn(Created().name());
  service_->RunUpdateCycle();
  v1::CompleteActionRequest done;
  done.set_name(a.name());
  done.add_evidence("sample");
  ASSERT_TRUE(stub_->CompleteAction(Auditor().get(), done, &a).ok());
  EXPECT_EQ(Requests(*stub_)[0].state(), v1::UPDATE_REQUEST_STATE_WITHDRAWN);
}

TEST_F(ActionPlansServiceTest, EachAuthoritysWindowIsItsOwn) {
  Today(absl::CivilDay(2026, 5, 1));
  ActionOn(Created().name());  // due 30 June: 60 days away
  ActionOn(Created("p-1", APlan(), "LA2").name(), "LA2");
  v1::UpdateActionPlanSettingsRequest req;
  req.mutable_settings()->set_name("actionPlanSettings");
  req.mutable_settings()->set_update_window_days(90);
  req.mutable_update_mask()->add_paths("update_window_days");
  v1::ActionPlanSettings s;
  ASSERT_TRUE(stub_->UpdateActionPlanSettings(Chair("LA2").get(), req, &s).ok());
  service_->RunUpdateCycle();
  EXPECT_TRUE(Requests(*stub_, "", "LA1").empty());
  EXPECT_EQ(Requests(*stub_, "", "LA2").size(), 1u);
}

TEST_F(ActionPlansServiceTest, SettingsOutsideTheirRulesAreRefusedAndTheOldOnesStand) {
  v1::UpdateActionPlanSettingsRequest req;
  req.mutable_settings()->set_name("actionPlanSettings");
  req.mutable_settings()->set_reminder_days(0);
  req.mutable_update_mask()->add_paths("reminder_days");
  v1::ActionPlanSettings s;
  const auto st = stub_->UpdateActionPlanSettings(Chair().get(), req, &s);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::GetActionPlanSettingsRequest get;
  get.set_name("actionPlanSettings");
  ASSERT_TRUE(stub_->GetActionPlanSettings(Owner().get(), get, &s).ok());
  EXPECT_EQ(s.reminder_days(), 7);
}

}  // namespace
}  // namespace assure::actionplans
