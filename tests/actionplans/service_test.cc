#include <algorithm>

#include "tests/actionplans/actionplans_fixture.h"

namespace assure::actionplans {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;

bool Names(const grpc::Status& st, const std::string& field) {
  const auto fields = BadFields(st);
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

TEST_F(ActionPlansServiceTest, APlanRunsFromDraftToClosedWithItsActionDoneAndVerified) {
  const v1::Plan p = Created();
  EXPECT_EQ(p.state(), v1::PLAN_STATE_DRAFT);
  EXPECT_EQ(p.created_by(), "hos-1");
  v1::Action a = ActionOn(p.name());
  EXPECT_EQ(a.name(), "plans/p-1/actions/1");
  EXPECT_EQ(a.priority(), v1::PRIORITY_HIGH);
  EXPECT_EQ(Exported("assure_actions_open{priority=\"high\",status=\"not_tested\",tenant=\"LA1\"}"),
            "1");

  v1::Plan agreed;
  v1::AgreePlanRequest agree;
  agree.set_name(p.name());
  agree.set_meeting("Performance Board 14 April 2026");
  ASSERT_TRUE(stub_->AgreePlan(Chair().get(), agree, &agreed).ok());
  EXPECT_EQ(agreed.agreed().signed_by(), "dcs-1");
  v1::StartDeliveryRequest start;
  start.set_name(p.name());
  ASSERT_TRUE(stub_->StartDelivery(Owner().get(), start, &agreed).ok());

  Today(absl::CivilDay(2026, 5, 5));
  v1::ActionUpdate u;
  ASSERT_TRUE(Update(a.name(), absl::CivilDay(2026, 5, 5), &u).ok());
  EXPECT_EQ(u.name(), "plans/p-1/actions/1/updates/1");
  EXPECT_EQ(u.given_by(), "tm-1");

  v1::ChangeTargetDateRequest move;
  move.set_name(a.name());
  *move.mutable_target_date() = ToProto(absl::CivilDay(2026, 8, 31));
  move.set_reason("the case system change is late");
  ASSERT_TRUE(stub_->ChangeTargetDate(Owner().get(), move, &a).ok());
  EXPECT_EQ(a.slips(), 1);
  EXPECT_EQ(Exported("assure_actions_slipped{priority=\"high\",tenant=\"LA1\"}"), "1");

  v1::RecordFollowUpRequest test;
  test.set_parent(a.name());
  test.mutable_follow_up()->set_observations("20 of 20 late reviews sampled had a reason");
  test.mutable_follow_up()->set_status(v1::FOLLOW_UP_STATUS_IMPLEMENTED);
  v1::FollowUp f;
  ASSERT_TRUE(stub_->RecordFollowUp(Auditor().get(), test, &f).ok());
  EXPECT_EQ(f.tested_by(), "ia-1");

  v1::CompleteActionRequest done;
  done.set_name(a.name());
  done.add_evidence("Internal audit follow-up 2026/14a");
  ASSERT_TRUE(stub_->CompleteAction(Owner().get(), done, &a).ok());
  EXPECT_EQ(a.state(), v1::ACTION_STATE_COMPLETED);
  EXPECT_EQ(a.follow_up_status(), v1::FOLLOW_UP_STATUS_IMPLEMENTED);
  EXPECT_EQ(Exported("assure_actions_completed{on_time=\"true\",tenant=\"LA1\"}"), "1");
  EXPECT_EQ(
      Exported("assure_actions_open{priority=\"high\",status=\"implemented\",tenant=\"LA1\"}"),
      "0");

  v1::ClosePlanRequest close;
  close.set_name(p.name());
  close.set_meeting("Performance Board 8 September 2026");
  v1::Plan closed;
  ASSERT_TRUE(stub_->ClosePlan(Chair().get(), close, &closed).ok());
  EXPECT_EQ(closed.state(), v1::PLAN_STATE_CLOSED);
  EXPECT_EQ(closed.closed().signed_by(), "dcs-1");
}

TEST_F(ActionPlansServiceTest, UpdatesAccumulateInOrderAndAreNeverOverwritten) {
  const v1::Action a = ActionOn(Created().name());
  v1::ActionUpdate u;
  Today(absl::CivilDay(2026, 5, 5));
  ASSERT_TRUE(Update(a.name(), absl::CivilDay(2026, 5, 5), &u).ok());
  Today(absl::CivilDay(2026, 6, 2));
  ASSERT_TRUE(Update(a.name(), absl::CivilDay(2026, 6, 2), &u).ok());
  v1::ListActionUpdatesRequest list;
  list.set_parent(a.name());
  v1::ListActionUpdatesResponse got;
  ASSERT_TRUE(stub_->ListActionUpdates(Owner().get(), list, &got).ok());
  ASSERT_EQ(got.updates_size(), 2);
  EXPECT_EQ(*DayOf(got.updates(0).update_date()), absl::CivilDay(2026, 5, 5));
  EXPECT_EQ(*DayOf(got.updates(1).update_date()), absl::CivilDay(2026, 6, 2));
  EXPECT_EQ(*DayOf(StoredAction(a.name()).last_update_date()), absl::CivilDay(2026, 6, 2));
  // The store itself refuses to change one.
  auto st = store_->WriteAndWait("LA1", [](store::Tx& tx) {
    return tx.db().Exec("UPDATE action_updates SET seq = 9 WHERE tenant = ?", {"LA1"});
  });
  EXPECT_FALSE(st.ok());
  st = store_->WriteAndWait("LA1", [](store::Tx& tx) {
    return tx.db().Exec("DELETE FROM action_updates WHERE tenant = ?", {"LA1"});
  });
  EXPECT_FALSE(st.ok());
  v1::ListActionUpdatesResponse again;
  ASSERT_TRUE(stub_->ListActionUpdates(Owner().get(), list, &again).ok());
  EXPECT_EQ(again.updates_size(), 2);
}

TEST_F(ActionPlansServiceTest, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
  v1::CreatePlanRequest req;
  *req.mutable_plan() = APlan();
  req.mutable_plan()->clear_owner();
  req.mutable_plan()->set_source(v1::PLAN_SOURCE_OFSTED_INSPECTION);
  req.set_plan_id("p-1");
  v1::Plan out;
  const auto st = stub_->CreatePlan(Owner().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(Names(st, "plan.owner"));
  EXPECT_TRUE(Names(st, "plan.inspection.report_date"));
  v1::GetPlanRequest get;
  get.set_name("plans/p-1");
  EXPECT_EQ(stub_->GetPlan(Owner().get(), get, &out).error_code(), grpc::StatusCode::NOT_FOUND);

  Created();
  v1::CreateActionRequest action;
  action.set_parent("plans/p-1");
  *action.mutable_action() = AnAction();
  action.mutable_action()->clear_responsible_officers();
  v1::Action a;
  const auto bad = stub_->CreateAction(Owner().get(), action, &a);
  EXPECT_TRUE(Names(bad, "action.responsible_officers"));
  v1::ListActionsRequest list;
  list.set_parent("plans/-");
  v1::ListActionsResponse none;
  ASSERT_TRUE(stub_->ListActions(Owner().get(), list, &none).ok());
  EXPECT_EQ(none.actions_size(), 0);
}

TEST_F(ActionPlansServiceTest, SeparationOfDutiesBreachesNameTheRuleAndChangeNothing) {
  const v1::Plan p = Created();
  v1::Action a = ActionOn(p.name());
  v1::AgreePlanRequest agree;
  agree.set_name(p.name());
  agree.set_meeting("Performance Board");
  v1::Plan out;
  auto st = stub_->AgreePlan(Owner().get(), agree, &out);
  EXPECT_EQ(FailedRuleOf(st), "plan.sign_off_not_owner");
  EXPECT_EQ(StoredPlan(p.name()).state(), v1::PLAN_STATE_DRAFT);

  v1::RecordFollowUpRequest test;
  test.set_parent(a.name());
  test.mutable_follow_up()->set_observations("I did it");
  test.mutable_follow_up()->set_status(v1::FOLLOW_UP_STATUS_IMPLEMENTED);
  v1::FollowUp f;
  st = stub_->RecordFollowUp(Officer().get(), test, &f);
  EXPECT_EQ(FailedRuleOf(st), "follow_up.not_owner");

  v1::CompleteActionRequest done;
  done.set_name(a.name());
  done.add_evidence("my own word");
  st = stub_->CompleteAction(Officer().get(), done, &a);
  EXPECT_EQ(FailedRuleOf(st), "action.verifier_not_owner");
  const v1::Action stored = StoredAction(a.name());
  EXPECT_EQ(stored.state(), v1::ACTION_STATE_OPEN);
  EXPECT_EQ(stored.follow_up_status(), v1::FOLLOW_UP_STATUS_UNSPECIFIED);
  v1::ListFollowUpsRequest list;
  list.set_parent(a.name());
  v1::ListFollowUpsResponse tests;
  ASSERT_TRUE(stub_->ListFollowUps(Owner().get(), list, &tests).ok());
  EXPECT_EQ(tests.follow_ups_size(), 0);

  v1::ClosePlanRequest close;
  close.set_name(p.name());
  close.set_meeting("Performance Board");
  ASSERT_TRUE(stub_->AgreePlan(Chair().get(), agree, &out).ok());
  st = stub_->ClosePlan(Chair().get(), close, &out);
  EXPECT_EQ(FailedRuleOf(st), "plan.actions_open");
}

TEST_F(ActionPlansServiceTest, AnotherAuthorityCannotSeeOrChangeThePlan) {
  const v1::Plan p = Created();
  const v1::Action a = ActionOn(p.name());
  v1::GetPlanRequest get;
  get.set_name(p.name());
  v1::Plan out;
  EXPECT_EQ(stub_->GetPlan(Owner("LA2").get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ActionUpdate u;
  EXPECT_EQ(Update(a.name(), absl::CivilDay(2026, 4, 1), &u, "LA2").error_code(),
            grpc::StatusCode::NOT_FOUND);
  // The same ids are free in LA2, and its figures are its own.
  Created("p-1", APlan(), "LA2");
  EXPECT_EQ(Exported("assure_actions_open{priority=\"high\",status=\"not_tested\",tenant=\"LA2\"}"),
            "");
  EXPECT_EQ(Exported("assure_actions_open{priority=\"high\",status=\"not_tested\",tenant=\"LA1\"}"),
            "1");
}

TEST_F(ActionPlansServiceTest, AnInspectionsPlanCarriesItsStatementOfActionDueWithTheReason) {
  v1::Plan plan = APlan();
  plan.set_source(v1::PLAN_SOURCE_OFSTED_INSPECTION);
  *plan.mutable_inspection()->mutable_report_date() = ToProto(absl::CivilDay(2026, 3, 20));
  const v1::Plan p = Created("ilacs", plan);
  const auto& due = p.inspection().statement_due();
  EXPECT_EQ(due.rule(), "inspection.statement_of_action");
  EXPECT_EQ(due.from_dates(0).label(), "inspection report published");
  // 70 working days from 20 March 2026, past Good Friday, Easter Monday and the May bank
  // holidays (4 and 25 May).
  EXPECT_EQ(*DayOf(due.due_date()), absl::CivilDay(2026, 7, 2));
}

TEST_F(ActionPlansServiceTest, ARecommendationsNewPriorityCarriesToItsActionsAndTheirFigures) {
  const v1::Action a = ActionOn(Created().name());
  v1::UpdateRecommendationRequest req;
  req.mutable_recommendation()->set_name(a.recommendation());
  req.mutable_recommendation()->set_priority(v1::PRIORITY_LOW);
  req.mutable_recommendation()->set_management_response("Agreed: the IRO manager will lead");
  req.mutable_update_mask()->add_paths("priority");
  req.mutable_update_mask()->add_paths("management_response");
  v1::Recommendation r;
  ASSERT_TRUE(stub_->UpdateRecommendation(Owner().get(), req, &r).ok());
  EXPECT_EQ(r.management_response(), "Agreed: the IRO manager will lead");
  EXPECT_EQ(StoredAction(a.name()).priority(), v1::PRIORITY_LOW);
  EXPECT_EQ(Exported("assure_actions_open{priority=\"low\",status=\"not_tested\",tenant=\"LA1\"}"),
            "1");
  EXPECT_EQ(Exported("assure_actions_open{priority=\"high\",status=\"not_tested\",tenant=\"LA1\"}"),
            "0");
}

TEST_F(ActionPlansServiceTest, LinkedPlansMustBeTheAuthoritysOwn) {
  v1::Plan plan = APlan();
  plan.add_linked_plans("plans/nowhere");
  v1::CreatePlanRequest req;
  *req.mutable_plan() = plan;
  req.set_plan_id("p-2");
  v1::Plan out;
  EXPECT_EQ(stub_->CreatePlan(Owner().get(), req, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  Created("p-1");
  req.mutable_plan()->set_linked_plans(0, "plans/p-1");
  ASSERT_TRUE(stub_->CreatePlan(Owner().get(), req, &out).ok());
  EXPECT_EQ(out.linked_plans(0), "plans/p-1");
}

TEST_F(ActionPlansServiceTest, AReassignmentMovesTheActionWithItsReason) {
  v1::Action a = ActionOn(Created().name());
  v1::ReassignActionRequest req;
  req.set_name(a.name());
  req.set_team("Performance team");
  req.add_responsible_officers("pm-1");
  req.set_reason("the figures are theirs");
  ASSERT_TRUE(stub_->ReassignAction(Owner().get(), req, &a).ok());
  EXPECT_EQ(a.team(), "Performance team");
  EXPECT_EQ(a.reassignments(0).reassigned_by(), "hos-1");
  req.clear_reason();
  EXPECT_TRUE(Names(stub_->ReassignAction(Owner().get(), req, &a), "reason"));
}

}  // namespace
}  // namespace assure::actionplans
