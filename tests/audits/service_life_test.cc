// An audit's life through the service on both stores: a tool released and kept, started and
// submitted by its auditor only, a child judged not safe escalated at once and answered by
// a manager; every bad step refused naming the field or rule, changing nothing.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/audits/tools.h"
#include "tests/audits/audit_life_fixture.h"

namespace assure::audits {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;

TEST_F(AuditLifeTest, AReleasedToolIsKeptAndOnlyAReleasedOneIsUsed) {
  const v1::AuditToolVersion draft = Draft();
  EXPECT_EQ(draft.name(), "auditTools/routine/versions/1");
  EXPECT_EQ(draft.state(), v1::TOOL_STATE_DRAFT);
  EXPECT_EQ(draft.grades_size(), 4);  // Ofsted's, by default
  const v1::Audit a = Assigned();
  v1::Audit out;
  EXPECT_EQ(FailedRuleOf(Start(a, draft.name(), "iro-1", &out)), "tool.released");

  v1::AuditToolVersion released;
  ASSERT_TRUE(Release(draft.name(), &released).ok());
  EXPECT_EQ(released.released_by(), "qrm-1");
  EXPECT_EQ(FailedRuleOf(Release(draft.name(), &released)), "tool.released");
  EXPECT_EQ(Draft().name(), "auditTools/routine/versions/2");  // a correction is a new version

  ASSERT_TRUE(Start(a, draft.name(), "iro-1", &out).ok());
  EXPECT_EQ(out.state(), v1::AUDIT_STATE_IN_PROGRESS);
  EXPECT_EQ(out.tool_version(), "auditTools/routine/versions/1");
  EXPECT_EQ(Figure("assure_audits_outstanding", "LA1"), "1");

  v1::ListAuditToolVersionsRequest list;
  list.set_parent("auditTools/-");
  list.set_filter("state = TOOL_STATE_RELEASED");
  v1::ListAuditToolVersionsResponse page;
  ASSERT_TRUE(stub_->ListAuditToolVersions(Lead().get(), list, &page).ok());
  ASSERT_EQ(page.versions_size(), 1);
}

TEST_F(AuditLifeTest, OnlyTheAuditorStartsAndSubmitsAndABadSubmissionChangesNothing) {
  v1::AuditToolVersion tool;
  ASSERT_TRUE(Release(Draft().name(), &tool).ok());
  const v1::Audit a = Assigned();
  v1::Audit out;
  EXPECT_EQ(FailedRuleOf(Start(a, tool.name(), "iro-2", &out)), "audit.auditor_only");
  ASSERT_TRUE(Start(a, tool.name(), "iro-1", &out).ok());
  EXPECT_EQ(FailedRuleOf(Start(a, tool.name(), "iro-1", &out)), "audit.assigned");

  v1::SubmitAuditRequest bad = Unsafe(a);
  bad.mutable_answers(0)->set_grade("Poor");
  bad.clear_child_safe();
  auto st = stub_->SubmitAudit(As("iro-1", "iro").get(), bad, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), ::testing::UnorderedElementsAre("answers[0].grade", "child_safe"));
  EXPECT_EQ(FailedRuleOf(stub_->SubmitAudit(As("iro-2", "iro").get(), Unsafe(a), &out)),
            "audit.auditor_only");
  EXPECT_EQ(Get(a.name()).state(), v1::AUDIT_STATE_IN_PROGRESS);
  EXPECT_EQ(Figure("assure_audits_escalations_unanswered", "LA1"), "");
}

TEST_F(AuditLifeTest, WorkSavedInProgressIsKeptChecksWhatIsGivenAndCanBeSubmittedAsItStands) {
  v1::AuditToolVersion tool;
  ASSERT_TRUE(Release(Draft().name(), &tool).ok());
  const v1::Audit a = Assigned();
  v1::Audit out;
  v1::SaveAuditProgressRequest save;
  save.set_name(a.name());
  save.add_strengths("school attendance tracked");
  EXPECT_EQ(FailedRuleOf(stub_->SaveAuditProgress(As("iro-1", "iro").get(), save, &out)),
            "audit.in_progress");  // not started yet
  ASSERT_TRUE(Start(a, tool.name(), "iro-1", &out).ok());
  EXPECT_EQ(FailedRuleOf(stub_->SaveAuditProgress(As("iro-2", "iro").get(), save, &out)),
            "audit.auditor_only");

  // Half done: no grade yet, no judgement, the mandatory question waiting. Accepted.
  auto st = stub_->SaveAuditProgress(As("iro-1", "iro").get(), save, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.state(), v1::AUDIT_STATE_IN_PROGRESS);
  EXPECT_TRUE(out.has_save_time());
  EXPECT_EQ(Get(a.name()).strengths(0), "school attendance tracked");

  // What is given must still be right, and a bad save changes nothing.
  auto* answer = save.add_answers();
  answer->set_question("q9");
  answer->set_text("seen alone");
  save.set_overall_grade("Poor");
  save.set_child_safe(static_cast<v1::ChildSafe>(7));
  save.set_etag(out.etag());
  st = stub_->SaveAuditProgress(As("iro-1", "iro").get(), save, &out);
  EXPECT_THAT(BadFields(st), ::testing::UnorderedElementsAre("answers[0].question",
                                                             "overall_grade", "child_safe"));
  EXPECT_EQ(Get(a.name()).answers_size(), 0);

  answer->set_question("q1");
  answer->set_grade("Good");
  save.set_overall_grade("Good");
  save.set_child_safe(v1::CHILD_SAFE_YES);
  ASSERT_TRUE(stub_->SaveAuditProgress(As("iro-1", "iro").get(), save, &out).ok());

  v1::SubmitAuditRequest submit;
  submit.set_name(a.name());
  submit.set_submit_saved(true);
  submit.add_theme_tags("visits");
  EXPECT_THAT(BadFields(stub_->SubmitAudit(As("iro-1", "iro").get(), submit, &out)),
              ::testing::ElementsAre("submit_saved"));
  submit.clear_theme_tags();
  st = stub_->SubmitAudit(As("iro-1", "iro").get(), submit, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.state(), v1::AUDIT_STATE_SUBMITTED);
  EXPECT_EQ(out.overall_grade(), "Good");
  ASSERT_EQ(out.answers_size(), 1);
  EXPECT_EQ(out.answers(0).text(), "seen alone");
  EXPECT_EQ(Figure("assure_audits_outstanding", "LA1"), "0");
}

TEST_F(AuditLifeTest, SubmittingSavedWorkThatIsIncompleteNamesWhatIsMissing) {
  v1::AuditToolVersion tool;
  ASSERT_TRUE(Release(Draft().name(), &tool).ok());
  const v1::Audit a = Assigned();
  v1::Audit out;
  ASSERT_TRUE(Start(a, tool.name(), "iro-1", &out).ok());
  v1::SubmitAuditRequest submit;
  submit.set_name(a.name());
  submit.set_submit_saved(true);
  const auto st = stub_->SubmitAudit(As("iro-1", "iro").get(), submit, &out);
  EXPECT_THAT(BadFields(st),
              ::testing::UnorderedElementsAre("answers", "overall_grade", "child_safe"));
  EXPECT_EQ(Get(a.name()).state(), v1::AUDIT_STATE_IN_PROGRESS);
}

TEST_F(AuditLifeTest, AChildJudgedNotSafeEscalatesAtOnceAndAManagersResponseIsRecorded) {
  v1::AuditToolVersion tool;
  ASSERT_TRUE(Release(Draft().name(), &tool).ok());
  const v1::Audit a = Assigned();
  v1::Audit out;
  ASSERT_TRUE(Start(a, tool.name(), "iro-1", &out).ok());
  const auto st = stub_->SubmitAudit(As("iro-1", "iro").get(), Unsafe(a), &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.state(), v1::AUDIT_STATE_SUBMITTED);
  ASSERT_TRUE(out.has_escalation());
  EXPECT_EQ(out.escalation().reason(), "child not safe");
  EXPECT_EQ(Figure("assure_audits_outstanding", "LA1"), "0");
  EXPECT_EQ(Figure("assure_audits_escalations_unanswered", "LA1"), "1");

  v1::ListAuditsRequest list;
  list.set_filter("escalated = true");
  v1::ListAuditsResponse page;
  ASSERT_TRUE(stub_->ListAudits(Lead().get(), list, &page).ok());
  ASSERT_EQ(page.audits_size(), 1);

  v1::RespondToEscalationRequest respond;
  respond.set_name(a.name());
  respond.set_text("strategy discussion held today; visit booked tomorrow");
  EXPECT_EQ(stub_->RespondToEscalation(As("iro-1", "iro").get(), respond, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->RespondToEscalation(As("tm-1", "team_manager").get(), respond, &out).ok());
  ASSERT_EQ(out.escalation().responses_size(), 1);
  EXPECT_EQ(out.escalation().responses(0).responder(), "tm-1");
  EXPECT_EQ(out.escalation().responses(0).role(), "team_manager");
  EXPECT_EQ(Figure("assure_audits_escalations_unanswered", "LA1"), "0");
}

TEST_F(AuditLifeTest, AnotherAuthoritySeesNoneOfATenantsToolsOrAudits) {
  const v1::AuditToolVersion draft = Draft();
  const v1::Audit a = Assigned();
  v1::GetAuditToolVersionRequest get_tool;
  get_tool.set_name(draft.name());
  v1::AuditToolVersion tool;
  EXPECT_EQ(stub_->GetAuditToolVersion(Lead("LA2").get(), get_tool, &tool).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::Audit out;
  v1::StartAuditRequest start;
  start.set_name(a.name());
  start.set_tool_version(draft.name());
  EXPECT_EQ(stub_->StartAudit(As("iro-1", "iro", "LA2").get(), start, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Draft("LA2").name(), "auditTools/routine/versions/1");  // numbered per authority
}

TEST_F(AuditLifeTest, EachAuthoritysShareDecidesWhichSubmittedAuditsAreModerated) {
  SamplePercent("LA1", 100);
  SamplePercent("LA2", 0);
  const v1::Audit la1 = SubmittedGood("LA1");
  const v1::Audit la2 = SubmittedGood("LA2");
  EXPECT_TRUE(la1.moderation_required());
  EXPECT_EQ(la1.moderation_reason(), "sample");
  EXPECT_FALSE(la2.moderation_required());

  v1::ListAuditsRequest queue;
  queue.set_filter("awaiting_moderation = true");
  v1::ListAuditsResponse page;
  ASSERT_TRUE(stub_->ListAudits(Lead().get(), queue, &page).ok());
  ASSERT_EQ(page.audits_size(), 1);
  v1::Audit out;
  v1::CloseAuditRequest close;
  close.set_name(la1.name());
  EXPECT_EQ(FailedRuleOf(stub_->CloseAudit(As("iro-1", "iro").get(), close, &out)),
            "audit.moderation_first");
  close.set_name(la2.name());
  ASSERT_TRUE(stub_->CloseAudit(As("iro-1", "iro", "LA2").get(), close, &out).ok());
  EXPECT_EQ(out.state(), v1::AUDIT_STATE_CLOSED);

  v1::UpdateAuditSettingsRequest bad;
  bad.mutable_settings()->set_name("auditSettings");
  bad.mutable_settings()->set_moderation_sample_percent(101);
  bad.mutable_update_mask()->add_paths("moderation_sample_percent");
  v1::AuditSettings settings;
  EXPECT_THAT(BadFields(stub_->UpdateAuditSettings(Lead().get(), bad, &settings)),
              ::testing::ElementsAre("settings.moderation_sample_percent"));
  v1::ListAuditSettingsRevisionsRequest revisions;
  revisions.set_name("auditSettings");
  v1::ListAuditSettingsRevisionsResponse versions;
  ASSERT_TRUE(stub_->ListAuditSettingsRevisions(Lead().get(), revisions, &versions).ok());
  ASSERT_EQ(versions.revisions_size(), 1);
  EXPECT_EQ(versions.revisions(0).moderation_sample_percent(), 100);
}

TEST_F(AuditLifeTest, AModeratedAuditsActionsAreSignedOffByOthersAndTheLastOneClosesIt) {
  SamplePercent("LA1", 100);
  const v1::Audit a = SubmittedGood();
  auto figures = [&] {
    return prometheus::TextSerializer().Serialize(metrics_->figures()->Collect());
  };
  EXPECT_THAT(figures(),
              ::testing::HasSubstr("assure_audits_graded{grade=\"good\",tenant=\"LA1\"} 1"));
  v1::ModerateAuditRequest moderate;
  moderate.set_name(a.name());
  auto* g = moderate.add_grades();
  g->set_question("q1");
  g->set_agree(false);
  g->set_moderated_grade("Requires improvement to be good");
  moderate.set_overall_agree(false);
  moderate.set_moderated_overall_grade("Requires improvement to be good");
  moderate.set_rationale("visits out of timescale are not Good practice");
  v1::Audit out;
  EXPECT_EQ(FailedRuleOf(stub_->ModerateAudit(As("iro-1", "iro_manager").get(), moderate, &out)),
            "moderation.not_the_auditor");
  ASSERT_TRUE(stub_->ModerateAudit(As("tm-1", "team_manager").get(), moderate, &out).ok());
  EXPECT_EQ(out.state(), v1::AUDIT_STATE_MODERATED);
  EXPECT_EQ(out.moderation().moderator(), "tm-1");
  EXPECT_THAT(figures(), ::testing::HasSubstr(
                             "assure_audits_moderated{agreed=\"false\",tenant=\"LA1\"} 1"));
  // The grade that stands is the moderator's.
  EXPECT_THAT(figures(),
              ::testing::HasSubstr("assure_audits_graded{grade=\"good\",tenant=\"LA1\"} 0"));
  EXPECT_THAT(figures(), ::testing::HasSubstr("assure_audits_graded{grade=\"requires_improvement\","
                                              "tenant=\"LA1\"} 1"));

  v1::CreateAuditActionRequest raise;
  raise.set_parent(a.name());
  raise.mutable_action()->set_text("Visit within 10 working days and record it");
  raise.mutable_action()->set_owner("sw-1");
  *raise.mutable_action()->mutable_due_date() = D(2026, 12, 4);
  v1::AuditAction first, second;
  ASSERT_TRUE(stub_->CreateAuditAction(As("iro-1", "iro").get(), raise, &first).ok());
  raise.mutable_action()->set_text("Update the chronology");
  ASSERT_TRUE(stub_->CreateAuditAction(As("tm-1", "team_manager").get(), raise, &second).ok());
  EXPECT_EQ(second.name(), a.name() + "/actions/2");
  EXPECT_EQ(Get(a.name()).state(), v1::AUDIT_STATE_ACTIONS_OPEN);
  EXPECT_EQ(Figure("assure_audits_actions_open", "LA1"), "2");

  clock_.Advance(absl::Hours(24 * 4));  // 5 December: both past due
  v1::ListAuditActionsRequest overdue;
  overdue.set_parent("audits/-");
  overdue.set_filter("overdue = true");
  v1::ListAuditActionsResponse page;
  ASSERT_TRUE(stub_->ListAuditActions(Lead().get(), overdue, &page).ok());
  ASSERT_EQ(page.actions_size(), 2);
  EXPECT_TRUE(page.actions(0).overdue());
  EXPECT_EQ(Figure("assure_audits_actions_overdue", "LA1"), "2");

  v1::SignOffAuditActionRequest sign;
  sign.set_name(first.name());
  sign.set_evidence("visit recorded on 4 December");
  v1::AuditAction signed_off;
  EXPECT_EQ(FailedRuleOf(stub_->SignOffAuditAction(As("sw-1", "iro").get(), sign, &signed_off)),
            "action.not_the_owner");
  ASSERT_TRUE(stub_->SignOffAuditAction(As("tm-1", "team_manager").get(), sign, &signed_off).ok());
  EXPECT_EQ(signed_off.signed_off_by(), "tm-1");
  EXPECT_EQ(Get(a.name()).state(), v1::AUDIT_STATE_ACTIONS_OPEN);  // one still open
  sign.set_name(second.name());
  ASSERT_TRUE(stub_->SignOffAuditAction(As("tm-1", "team_manager").get(), sign, &signed_off).ok());
  EXPECT_EQ(Get(a.name()).state(), v1::AUDIT_STATE_CLOSED);
  EXPECT_EQ(Figure("assure_audits_actions_open", "LA1"), "0");
}

}  // namespace
}  // namespace assure::audits
