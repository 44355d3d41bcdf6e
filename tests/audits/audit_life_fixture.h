// The audits fixture with the steps of an audit's life: a tool drafted and released, an
// audit assigned, started and submitted, the moderation share set.
#ifndef ASSURE_TESTS_AUDITS_AUDIT_LIFE_FIXTURE_H_
#define ASSURE_TESTS_AUDITS_AUDIT_LIFE_FIXTURE_H_

#include <string>

#include "tests/audits/audits_fixture.h"

namespace assure::audits {

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

  // A released routine tool in `tenant`.
  v1::AuditToolVersion Released(const std::string& tenant = "LA1") {
    v1::AuditToolVersion tool;
    v1::ReleaseAuditToolVersionRequest release;
    release.set_name(Draft(tenant).name());
    EXPECT_TRUE(stub_->ReleaseAuditToolVersion(Lead(tenant).get(), release, &tool).ok());
    return tool;
  }

  // Starts `audit` with `tool` and submits it as its `auditor`: Good, the child safe.
  v1::Audit SubmitGood(const std::string& audit, const std::string& auditor,
                       const v1::AuditToolVersion& tool, const std::string& tenant = "LA1") {
    v1::Audit a;
    v1::StartAuditRequest start;
    start.set_name(audit);
    start.set_tool_version(tool.name());
    EXPECT_TRUE(stub_->StartAudit(As(auditor, "iro", tenant).get(), start, &a).ok());
    v1::SubmitAuditRequest submit = Unsafe(a);
    submit.set_child_safe(v1::CHILD_SAFE_YES);
    submit.mutable_answers(0)->set_grade("Good");
    submit.set_overall_grade("Good");
    EXPECT_TRUE(stub_->SubmitAudit(As(auditor, "iro", tenant).get(), submit, &a).ok());
    return a;
  }

  // A Good audit by iro-1, submitted in `tenant` with a released tool.
  v1::Audit SubmittedGood(const std::string& tenant = "LA1") {
    const v1::AuditToolVersion tool = Released(tenant);
    Feed("north", 3, 0, tenant);
    v1::Selection s;
    EXPECT_TRUE(Select(tenant, 1, {{"iro-1", 1}}, &s).ok());
    return SubmitGood(s.audits(0), "iro-1", tool, tenant);
  }

  void SamplePercent(const std::string& tenant, int percent) {
    v1::UpdateAuditSettingsRequest req;
    req.mutable_settings()->set_name("auditSettings");
    req.mutable_settings()->set_moderation_sample_percent(percent);
    req.mutable_update_mask()->add_paths("moderation_sample_percent");
    v1::AuditSettings out;
    const auto st = stub_->UpdateAuditSettings(Lead(tenant).get(), req, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  v1::Audit Get(const std::string& name) {
    v1::GetAuditRequest get;
    get.set_name(name);
    v1::Audit a;
    EXPECT_TRUE(stub_->GetAudit(Lead().get(), get, &a).ok());
    return a;
  }
};

}  // namespace assure::audits

#endif  // ASSURE_TESTS_AUDITS_AUDIT_LIFE_FIXTURE_H_
