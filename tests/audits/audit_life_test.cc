#include "services/audits/audit_life.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/audits/tools.h"
#include "services/common/errors.h"
#include "tests/support/call_context.h"

namespace assure::audits {
namespace {

using ::testing::UnorderedElementsAre;

v1::AuditToolVersion Tool() {
  v1::AuditToolVersion t;
  t.set_name("auditTools/routine/versions/1");
  t.set_title("Routine case file audit");
  auto* s = t.add_sections();
  s->set_title("Voice of the child");
  auto* q1 = s->add_questions();
  q1->set_id("q1");
  q1->set_text("Is the child seen and heard?");
  q1->set_mandatory(true);
  q1->set_graded(true);
  auto* q2 = s->add_questions();
  q2->set_id("q2");
  q2->set_text("Anything else?");
  for (auto& g : DefaultGrades()) t.add_grades(g);
  t.set_state(v1::TOOL_STATE_RELEASED);
  return t;
}

v1::SubmitAuditRequest Good() {
  v1::SubmitAuditRequest req;
  auto* a = req.add_answers();
  a->set_question("q1");
  a->set_text("seen alone at each visit");
  a->set_grade("Good");
  req.set_overall_grade("Good");
  req.set_child_safe(v1::CHILD_SAFE_YES);
  req.add_theme_tags("voice_of_child");
  return req;
}

TEST(AuditTools, AToolNeedsTitledSectionsOfUniqueQuestionsAndAScaleOfTwoOrMore) {
  v1::AuditToolVersion t = Tool();
  EXPECT_TRUE(CheckToolVersion(t).ok());
  t.mutable_sections(0)->mutable_questions(1)->set_id("q1");
  t.mutable_sections(0)->set_title("");
  t.clear_grades();
  t.add_grades("Good");
  const auto st = testing::BadFields(ToGrpcStatus(CheckToolVersion(t)));
  EXPECT_THAT(st, UnorderedElementsAre("version.sections[0].title",
                                       "version.sections[0].questions[1].id", "version.grades"));
}

TEST(AuditLife, OnlyTheAuditorStepsAndOnlyFromTheRightState) {
  v1::Audit a;
  a.set_auditor("iro-1");
  a.set_state(v1::AUDIT_STATE_ASSIGNED);
  EXPECT_TRUE(MayStep(a, "iro-1", v1::AUDIT_STATE_ASSIGNED).ok());
  EXPECT_EQ(testing::FailedRuleOf(ToGrpcStatus(MayStep(a, "tm-1", v1::AUDIT_STATE_ASSIGNED))),
            "audit.auditor_only");
  EXPECT_EQ(testing::FailedRuleOf(ToGrpcStatus(MayStep(a, "iro-1", v1::AUDIT_STATE_IN_PROGRESS))),
            "audit.in_progress");
}

TEST(AuditLife, ASubmissionAnswersEveryMandatoryQuestionOnTheToolsScale) {
  EXPECT_TRUE(CheckSubmission(Good(), Tool()).ok());
  v1::SubmitAuditRequest bad;
  auto* a = bad.add_answers();
  a->set_question("q2");
  a->set_text("nothing");
  a->set_grade("Good");  // q2 is not graded
  auto* b = bad.add_answers();
  b->set_question("q9");
  b->set_text("?");
  bad.set_overall_grade("Fine");
  bad.add_theme_tags("Voice of child");
  EXPECT_THAT(testing::BadFields(ToGrpcStatus(CheckSubmission(bad, Tool()))),
              UnorderedElementsAre("answers[0].grade", "answers[1].question", "answers",
                                   "overall_grade", "child_safe", "theme_tags[0]"));
}

TEST(AuditLife, WorkInProgressMayLeaveThingsOutButWhatItGivesMustBeRight) {
  v1::SaveAuditProgressRequest partial;
  auto* a = partial.add_answers();
  a->set_question("q1");
  a->set_text("seen alone, views recorded");  // graded, but no grade yet: fine in progress
  EXPECT_TRUE(CheckProgress(partial, Tool()).ok());
  a->set_grade("Fine");
  partial.set_overall_grade("Fine");
  partial.add_theme_tags("Voice of child");
  EXPECT_THAT(testing::BadFields(ToGrpcStatus(CheckProgress(partial, Tool()))),
              UnorderedElementsAre("answers[0].grade", "overall_grade", "theme_tags[0]"));
}

TEST(AuditLife, SubmittingTheSavedWorkTakesItAsItStandsAndRefusesWorkOfItsOwn) {
  v1::Audit a;
  a.set_overall_grade("Good");
  a.add_strengths("visits to timescale");
  v1::SubmitAuditRequest req;
  req.set_submit_saved(true);
  auto work = SubmissionOf(req, a);
  ASSERT_TRUE(work.ok());
  EXPECT_EQ(work->overall_grade(), "Good");
  EXPECT_EQ(work->strengths(0), "visits to timescale");
  req.set_significant_concern(true);
  EXPECT_THAT(testing::BadFields(ToGrpcStatus(SubmissionOf(req, a).status())),
              UnorderedElementsAre("submit_saved"));
  req.set_submit_saved(false);
  EXPECT_TRUE(SubmissionOf(req, a)->significant_concern());  // the request's own work
}

TEST(AuditLife, AChildJudgedNotSafeEscalatesAtOnceToTheTeamManagerAndHeadOfService) {
  v1::Audit a;
  Submit(Good(), absl::UnixEpoch(), a);
  EXPECT_EQ(a.state(), v1::AUDIT_STATE_SUBMITTED);
  EXPECT_FALSE(a.has_escalation());

  v1::SubmitAuditRequest unsafe = Good();
  unsafe.set_child_safe(v1::CHILD_SAFE_NO);
  v1::Audit b;
  Submit(unsafe, absl::UnixEpoch(), b);
  ASSERT_TRUE(b.has_escalation());
  EXPECT_EQ(b.escalation().reason(), "child not safe");
  EXPECT_THAT(b.escalation().to_roles(), UnorderedElementsAre("team_manager", "senior_manager"));

  v1::SubmitAuditRequest concern = Good();
  concern.set_significant_concern(true);
  v1::Audit c;
  Submit(concern, absl::UnixEpoch(), c);
  EXPECT_EQ(c.escalation().reason(), "significant concern");
}

}  // namespace
}  // namespace assure::audits
