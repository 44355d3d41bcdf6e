#include "tests/actionplans/actionplans_fixture.h"

namespace assure::actionplans {
namespace {

using assure::testing::FailedRuleOf;

v1::CreateFindingRequest AThemeFinding(const std::string& id) {
  v1::CreateFindingRequest req;
  req.set_finding_id(id);
  req.set_request_id(id);
  auto* f = req.mutable_finding();
  f->set_source(v1::FINDING_SOURCE_AUDIT_THEME);
  f->set_source_record("auditThemes/2026-03/visits");
  f->set_title("Visits to timescale: an area for development in 4 audits of March 2026");
  f->set_text("4 of 10 audits found statutory visits out of timescale.");
  f->set_priority(v1::FINDING_PRIORITY_HIGH);
  return req;
}

v1::Plan AuditPlan() {
  v1::Plan p = APlan();
  p.set_source(v1::PLAN_SOURCE_CASE_FILE_AUDIT);
  return p;
}

TEST_F(ActionPlansServiceTest, AFindingBecomesOneRecommendationOnTheNewestOpenPlanOfItsSource) {
  Created("older", AuditPlan());
  Today(absl::CivilDay(2026, 4, 2));
  Created("newer", AuditPlan());
  Created("other", APlan());
  v1::Finding f;
  ASSERT_TRUE(stub_->CreateFinding(Auditor().get(), AThemeFinding("theme-1"), &f).ok());
  EXPECT_EQ(f.plan(), "plans/newer");
  EXPECT_EQ(f.recommendation(), "plans/newer/recommendations/1");
  EXPECT_TRUE(f.placement_error().empty());
  // Delivered again (the sender's relay stopped before it heard the answer): still one.
  v1::CreateFindingRequest again = AThemeFinding("theme-1");
  again.set_request_id("another-try");
  v1::Finding twice;
  ASSERT_TRUE(stub_->CreateFinding(Auditor().get(), again, &twice).ok());
  EXPECT_EQ(twice.recommendation(), f.recommendation());
  v1::ListRecommendationsRequest list;
  list.set_parent("plans/newer");
  v1::ListRecommendationsResponse recs;
  ASSERT_TRUE(stub_->ListRecommendations(Owner().get(), list, &recs).ok());
  ASSERT_EQ(recs.recommendations_size(), 1);
  EXPECT_EQ(recs.recommendations(0).finding(), "findings/theme-1");
  EXPECT_EQ(recs.recommendations(0).source_record(), "auditThemes/2026-03/visits");
  EXPECT_EQ(recs.recommendations(0).priority(), v1::PRIORITY_HIGH);
}

TEST_F(ActionPlansServiceTest, AFindingWithNoPlanIsKeptWithItsErrorUntilSomeonePlacesIt) {
  v1::Finding f;
  ASSERT_TRUE(stub_->CreateFinding(Auditor().get(), AThemeFinding("theme-1"), &f).ok());
  EXPECT_TRUE(f.plan().empty());
  EXPECT_NE(f.placement_error().find("PLAN_SOURCE_CASE_FILE_AUDIT"), std::string::npos);
  EXPECT_EQ(Exported("assure_actions_findings_unplaced{tenant=\"LA1\"}"), "1");
  v1::ListFindingsRequest list;
  list.set_filter("placed = false");
  v1::ListFindingsResponse unplaced;
  ASSERT_TRUE(stub_->ListFindings(Owner().get(), list, &unplaced).ok());
  ASSERT_EQ(unplaced.findings_size(), 1);

  Created("p-1", APlan());
  v1::PlaceFindingRequest place;
  place.set_name("findings/theme-1");
  place.set_plan("plans/p-1");
  ASSERT_TRUE(stub_->PlaceFinding(Owner().get(), place, &f).ok());
  EXPECT_EQ(f.plan(), "plans/p-1");
  EXPECT_TRUE(f.placement_error().empty());
  EXPECT_EQ(Exported("assure_actions_findings_unplaced{tenant=\"LA1\"}"), "0");
  EXPECT_EQ(FailedRuleOf(stub_->PlaceFinding(Owner().get(), place, &f)), "finding.placed");
}

TEST_F(ActionPlansServiceTest, TheAuthoritysRouteDecidesWhichPlanAFindingGoesTo) {
  Created("audits", AuditPlan());
  Created("board", APlan());
  v1::UpdateActionPlanSettingsRequest req;
  auto* route = req.mutable_settings()->add_finding_routes();
  route->set_source(v1::FINDING_SOURCE_AUDIT_THEME);
  route->set_plan("plans/board");
  req.mutable_settings()->set_name("actionPlanSettings");
  req.mutable_update_mask()->add_paths("finding_routes");
  v1::ActionPlanSettings s;
  ASSERT_TRUE(stub_->UpdateActionPlanSettings(Chair().get(), req, &s).ok());
  v1::Finding f;
  ASSERT_TRUE(stub_->CreateFinding(Auditor().get(), AThemeFinding("theme-1"), &f).ok());
  EXPECT_EQ(f.plan(), "plans/board");
  // Another authority's route is its own: LA2 has no plan, so it keeps its finding.
  ASSERT_TRUE(stub_->CreateFinding(Auditor("LA2").get(), AThemeFinding("theme-1"), &f).ok());
  EXPECT_TRUE(f.plan().empty());
}

TEST_F(ActionPlansServiceTest, AFindingWithoutItsSourceRecordIsRefused) {
  v1::CreateFindingRequest req = AThemeFinding("theme-1");
  req.mutable_finding()->clear_source_record();
  v1::Finding f;
  EXPECT_EQ(stub_->CreateFinding(Auditor().get(), req, &f).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::GetFindingRequest get;
  get.set_name("findings/theme-1");
  EXPECT_EQ(stub_->GetFinding(Owner().get(), get, &f).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace assure::actionplans
