// The theme register and the findings audits send to action plans, through the service on
// both stores: an area for development reaching the authority's threshold in a month goes
// once, a themed programme's recommendations go each time, each waiting in the outbox until
// action plans answers and then delivered once; the register agrees with the audits.
#include "assure/actionplans/v1/actionplans_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/audits/audit_life_fixture.h"
#include "tests/support/findings_receiver.h"

namespace assure::audits {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;
namespace plans = ::assure::actionplans::v1;


class ThemesTest : public AuditLifeTest {
 protected:
  void SetUp() override {
    routes_ = plans_.RoutesHere();
    AuditsServiceTest::SetUp();
  }

  void Threshold(int n, const std::string& tenant = "LA1") {
    v1::UpdateAuditSettingsRequest req;
    req.mutable_settings()->set_name("auditSettings");
    req.mutable_settings()->set_theme_referral_threshold(n);
    req.mutable_update_mask()->add_paths("theme_referral_threshold");
    v1::AuditSettings out;
    const auto st = stub_->UpdateAuditSettings(Lead(tenant).get(), req, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  // `n` audits assigned to iro-1 in `tenant`.
  v1::Selection Assigned(int n, const std::string& tenant = "LA1",
                         v1::AuditType type = v1::AUDIT_TYPE_ROUTINE) {
    Feed("north", n + 2, 0, tenant);
    v1::CreateSelectionRequest req;
    *req.mutable_selection()->mutable_month() = Month(2026, 12);
    req.mutable_selection()->set_type(type);
    auto* a = req.mutable_selection()->add_auditors();
    a->set_auditor("iro-1");
    a->set_quota(n);
    v1::Selection s;
    EXPECT_TRUE(stub_->CreateSelection(Lead(tenant).get(), req, &s).ok());
    return s;
  }

  // Submits `audit` as iro-1 with these areas for development and strengths.
  void SubmitTagged(const std::string& audit, const v1::AuditToolVersion& tool,
                    std::vector<std::string> areas, std::vector<std::string> strengths,
                    const std::string& tenant = "LA1") {
    v1::Audit a;
    v1::StartAuditRequest start;
    start.set_name(audit);
    start.set_tool_version(tool.name());
    ASSERT_TRUE(stub_->StartAudit(As("iro-1", "iro", tenant).get(), start, &a).ok());
    v1::SubmitAuditRequest submit = Unsafe(a);
    submit.set_child_safe(v1::CHILD_SAFE_YES);
    submit.mutable_answers(0)->set_grade("Good");
    submit.set_overall_grade("Good");
    submit.clear_theme_tags();
    for (const auto& t : areas) submit.add_theme_tags(t);
    for (const auto& t : strengths) submit.add_strength_tags(t);
    const auto st = stub_->SubmitAudit(As("iro-1", "iro", tenant).get(), submit, &a);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  v1::ThemeRegister Register(const std::string& tenant = "LA1") {
    v1::GetThemeRegisterRequest req;
    *req.mutable_month() = Month(2026, 12);
    v1::ThemeRegister out;
    const auto st = stub_->GetThemeRegister(Lead(tenant).get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  std::string OutboxMetrics() {
    return prometheus::TextSerializer().Serialize(registry_->Collect());
  }

  assure::testing::ActionPlansStandIn plans_;
};

TEST_F(ThemesTest, AnAreaReachingTheThresholdGoesToActionPlansOnceAndIsDeliveredOnce) {
  Threshold(2);
  const v1::AuditToolVersion tool = Released();
  const v1::Selection s = Assigned(3);
  SubmitTagged(s.audits(0), tool, {"visits"}, {"voice_of_child"});
  EXPECT_EQ(Register().themes(0).finding(), "") << "one audit: below the threshold";
  SubmitTagged(s.audits(1), tool, {"visits", "plans"}, {});
  SubmitTagged(s.audits(2), tool, {"visits"}, {});
  const v1::ThemeRegister r = Register();
  ASSERT_EQ(r.themes(0).tag(), "visits");
  EXPECT_EQ(r.themes(0).audits(), 3);
  EXPECT_THAT(r.themes(0).finding(), StartsWith("findings/f-"));
  EXPECT_EQ(r.themes(1).finding(), "") << "plans: one audit";

  EXPECT_EQ(outbox_->DeliverDue(), 1);
  EXPECT_EQ(outbox_->DeliverDue(), 0);
  const auto received = plans_.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].finding().source(), plans::FINDING_SOURCE_AUDIT_THEME);
  EXPECT_EQ(received[0].finding().source_record(), "auditThemes/2026-12/visits");
  EXPECT_EQ("findings/" + received[0].finding_id(), r.themes(0).finding());
}

TEST_F(ThemesTest, AFindingCarriesTheTraceOfTheCallThatRaisedItThroughTheOutbox) {
  constexpr char kTrace[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  Threshold(1);
  const v1::AuditToolVersion tool = Released();
  const v1::Selection s = Assigned(1);
  v1::Audit a;
  v1::StartAuditRequest start;
  start.set_name(s.audits(0));
  start.set_tool_version(tool.name());
  ASSERT_TRUE(stub_->StartAudit(As("iro-1", "iro").get(), start, &a).ok());
  v1::SubmitAuditRequest submit = Unsafe(a);
  submit.set_child_safe(v1::CHILD_SAFE_YES);
  submit.mutable_answers(0)->set_grade("Good");
  submit.set_overall_grade("Good");
  auto ctx = As("iro-1", "iro");
  ctx->AddMetadata("traceparent", kTrace);
  const auto st = stub_->SubmitAudit(ctx.get(), submit, &a);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(outbox_->DeliverDue(), 1);
  const auto received = plans_.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(plans_.TraceparentOf(received[0].request_id()), kTrace);
}

TEST_F(ThemesTest, TheRegisterAgreesWithTheAuditsItIsComputedFrom) {
  const v1::AuditToolVersion tool = Released();
  const v1::Selection s = Assigned(4);
  SubmitTagged(s.audits(0), tool, {"visits"}, {"voice_of_child"});
  SubmitTagged(s.audits(1), tool, {"plans"}, {"voice_of_child"});
  SubmitTagged(s.audits(2), tool, {"visits"}, {});
  std::map<std::string, int> listed;  // tag -> audits, from the audits themselves
  v1::ListAuditsRequest list;
  v1::ListAuditsResponse page;
  ASSERT_TRUE(stub_->ListAudits(Lead().get(), list, &page).ok());
  for (const auto& a : page.audits()) {
    if (a.state() < v1::AUDIT_STATE_SUBMITTED) continue;
    for (const auto& t : a.theme_tags()) ++listed[t];
    for (const auto& t : a.strength_tags()) ++listed[t];
  }
  std::map<std::string, int> registered;
  const v1::ThemeRegister r = Register();
  for (const auto& e : r.themes()) registered[e.tag()] = e.audits();
  EXPECT_EQ(registered, listed);
  EXPECT_EQ(registered["visits"], 2);
  EXPECT_EQ(Register("LA2").themes_size(), 0);
}

TEST_F(ThemesTest, AProgrammesRecommendationIsKeptAndWaitsInTheOutboxUntilActionPlansAnswers) {
  const v1::Selection programme = Assigned(1, "LA1", v1::AUDIT_TYPE_THEMED);
  v1::RecommendFromProgrammeRequest req;
  req.set_name(programme.name());
  req.mutable_recommendation()->set_text("SGO support plans to be signed off by a panel");
  req.mutable_recommendation()->set_priority(v1::RECOMMENDATION_PRIORITY_HIGH);
  v1::Selection out;
  plans_.Shutdown();  // action plans is down
  ASSERT_TRUE(stub_->RecommendFromProgramme(Lead().get(), req, &out).ok());
  ASSERT_EQ(out.recommendations_size(), 1);
  EXPECT_EQ(out.recommendations(0).recommended_by(), "qrm-1");
  EXPECT_THAT(out.recommendations(0).finding(), StartsWith("findings/f-"));
  EXPECT_EQ(outbox_->DeliverDue(), 0);
  EXPECT_THAT(OutboxMetrics(),
              HasSubstr("assure_outbox_messages{component=\"audits\",state=\"pending\"} 1"));
  EXPECT_TRUE(plans_.Received().empty());
}

TEST_F(ThemesTest, ARecommendationNeedsAThemedProgrammeAndABadOneChangesNothing) {
  const v1::Selection routine = Assigned(1);
  v1::RecommendFromProgrammeRequest req;
  req.set_name(routine.name());
  req.mutable_recommendation()->set_text("more visits");
  req.mutable_recommendation()->set_priority(v1::RECOMMENDATION_PRIORITY_LOW);
  v1::Selection out;
  EXPECT_EQ(FailedRuleOf(stub_->RecommendFromProgramme(Lead().get(), req, &out)),
            "programme.themed");
  req.clear_recommendation();
  req.mutable_recommendation()->set_finding("findings/x");
  EXPECT_THAT(BadFields(stub_->RecommendFromProgramme(Lead().get(), req, &out)),
              ::testing::UnorderedElementsAre("recommendation.text", "recommendation.priority",
                                              "recommendation.finding"));
  EXPECT_EQ(outbox_->DeliverDue(), 0);
  EXPECT_TRUE(plans_.Received().empty());
  v1::UpdateAuditSettingsRequest bad;
  bad.mutable_settings()->set_name("auditSettings");
  bad.mutable_update_mask()->add_paths("theme_referral_threshold");
  v1::AuditSettings settings;
  EXPECT_THAT(BadFields(stub_->UpdateAuditSettings(Lead().get(), bad, &settings)),
              ::testing::ElementsAre("settings.theme_referral_threshold"));
}

}  // namespace
}  // namespace assure::audits
