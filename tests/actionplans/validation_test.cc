#include "services/actionplans/validation.h"

#include <algorithm>

#include "gtest/gtest.h"
#include "tests/actionplans/action_builders.h"

namespace assure::actionplans {
namespace {

using assure::testing::BadFields;

bool Names(const absl::Status& st, const std::string& field) {
  const auto fields = BadFields(ToGrpcStatus(st));
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

const absl::CivilDay kValidationDay(2026, 7, 15);

TEST(ValidatePlan, AGoodPlanPasses) { EXPECT_TRUE(ValidatePlan(APlan(), kValidationDay).ok()); }

TEST(ValidatePlan, EachMissingFieldIsNamed) {
  v1::Plan p;
  const auto st = ValidatePlan(p, kValidationDay);
  for (const char* field :
       {"plan.title", "plan.source", "plan.owning_service", "plan.owner", "plan.board"}) {
    EXPECT_TRUE(Names(st, field)) << field;
  }
}

TEST(ValidatePlan, AnInspectionsPlanNeedsTheReportDateAndNoOtherPlanHasOne) {
  v1::Plan p = APlan();
  p.set_source(v1::PLAN_SOURCE_OFSTED_INSPECTION);
  EXPECT_TRUE(Names(ValidatePlan(p, kValidationDay), "plan.inspection.report_date"));
  p = APlan();
  p.mutable_inspection()->set_priority_actions(true);
  EXPECT_TRUE(Names(ValidatePlan(p, kValidationDay), "plan.inspection"));
}

TEST(ValidateRecommendation, AFindingCarriesAResidualRiskAndARecommendationDoesNot) {
  v1::Recommendation r;
  r.set_kind(v1::RECOMMENDATION_KIND_FINDING);
  r.set_number("4");
  r.set_text("Visits are not recorded to timescale");
  r.set_priority(v1::PRIORITY_HIGH);
  EXPECT_TRUE(Names(ValidateRecommendation(r), "recommendation.residual_risk"));
  r.set_residual_risk(v1::PRIORITY_MEDIUM);
  EXPECT_TRUE(ValidateRecommendation(r).ok());
  r.set_kind(v1::RECOMMENDATION_KIND_RECOMMENDATION);
  EXPECT_TRUE(Names(ValidateRecommendation(r), "recommendation.residual_risk"));
}

TEST(ValidateAction, ASmartActionNeedsEveryPart) {
  EXPECT_TRUE(ValidateAction(AnAction()).ok());
  const auto st = ValidateAction(v1::Action());
  for (const char* field : {"action.what", "action.measure_of_success", "action.desired_outcome",
                            "action.responsible_officers", "action.team", "action.target_date",
                            "action.evidence_required"}) {
    EXPECT_TRUE(Names(st, field)) << field;
  }
}

TEST(ValidateUpdate, AnUpdateIsDatedNoLaterThanToday) {
  v1::ActionUpdate u;
  u.set_text("Training booked");
  *u.mutable_update_date() = ToProto(absl::CivilDay(2026, 7, 16));
  EXPECT_TRUE(Names(ValidateUpdate(u, kValidationDay), "update.update_date"));
  *u.mutable_update_date() = ToProto(kValidationDay);
  EXPECT_TRUE(ValidateUpdate(u, kValidationDay).ok());
}

TEST(ValidateFollowUp, ARevisedDeadlineNeedsARevisedResponse) {
  v1::FollowUp f;
  f.set_observations("Half of a sample of 20 had reasons");
  f.set_status(v1::FOLLOW_UP_STATUS_PARTLY_IMPLEMENTED);
  *f.mutable_revised_target_date() = ToProto(absl::CivilDay(2026, 10, 31));
  EXPECT_TRUE(Names(ValidateFollowUp(f), "follow_up.revised_response"));
  f.set_revised_response("Training in September");
  EXPECT_TRUE(ValidateFollowUp(f).ok());
}

}  // namespace
}  // namespace assure::actionplans
