// An audit's life through the service on both stores: a tool released and kept, started and
// submitted by its auditor only, a child judged not safe escalated at once and answered by
// a manager; every bad step refused naming the field or rule, changing nothing.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/audits/tools.h"
#include "tests/audits/audits_fixture.h"

namespace assure::audits {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;

class AuditLifeTest : public AuditsServiceTest {
 protected:
  // A draft of the routine tool: one section, a mandatory graded question and another.
  v1::AuditToolVersion Draft(const std::string& tenant = "LA1") {
    v1::CreateAuditToolVersionRequest req;
    req.set_parent("auditTools/routine");
    auto* t = req.mutable_version();
    t->set_title("Routine case file audit");
    auto* s = t->add_sections();
    s->set_title("Voice of the child");
    auto* q = s->add_questions();
    q->set_id("q1");
    q->set_text("Is the child seen and heard?");
    q->set_mandatory(true);
    q->set_graded(true);
    v1::AuditToolVersion out;
    const auto st = stub_->CreateAuditToolVersion(Lead(tenant).get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  grpc::Status Release(const std::string& name, v1::AuditToolVersion* out) {
    v1::ReleaseAuditToolVersionRequest req;
    req.set_name(name);
    return stub_->ReleaseAuditToolVersion(Lead().get(), req, out);
  }

  // One audit assigned to iro-1.
  v1::Audit Assigned() {
    Feed("north", 3);
    v1::Selection s;
    EXPECT_TRUE(Select("LA1", 1, {{"iro-1", 1}}, &s).ok());
    v1::GetAuditRequest get;
    get.set_name(s.audits(0));
    v1::Audit a;
    EXPECT_TRUE(stub_->GetAudit(Lead().get(), get, &a).ok());
    return a;
  }

  grpc::Status Start(const v1::Audit& a, const std::string& tool, const std::string& as,
                     v1::Audit* out) {
    v1::StartAuditRequest req;
    req.set_name(a.name());
    req.set_tool_version(tool);
    return stub_->StartAudit(As(as, "iro").get(), req, out);
  }

  static v1::SubmitAuditRequest Unsafe(const v1::Audit& a) {
    v1::SubmitAuditRequest req;
    req.set_name(a.name());
    auto* answer = req.add_answers();
    answer->set_question("q1");
    answer->set_text("not seen for four months");
    answer->set_grade("Inadequate");
    req.set_overall_grade("Inadequate");
    req.set_child_safe(v1::CHILD_SAFE_NO);
    req.add_strengths("school attendance tracked");
    req.add_areas_for_development("visits to timescale");
    req.add_theme_tags("visits");
    return req;
  }

  v1::Audit Get(const std::string& name) {
    v1::GetAuditRequest get;
    get.set_name(name);
    v1::Audit a;
    EXPECT_TRUE(stub_->GetAudit(Lead().get(), get, &a).ok());
    return a;
  }
};

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

}  // namespace
}  // namespace assure::audits
