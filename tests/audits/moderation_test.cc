#include "services/audits/moderation.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/audits/actions.h"
#include "services/audits/tools.h"
#include "services/common/errors.h"
#include "tests/support/call_context.h"

namespace assure::audits {
namespace {

using ::testing::UnorderedElementsAre;

v1::AuditToolVersion GradedTool() {
  v1::AuditToolVersion t;
  auto* q = t.add_sections()->add_questions();
  q->set_id("q1");
  q->set_graded(true);
  for (auto& g : DefaultGrades()) t.add_grades(g);
  return t;
}

v1::Audit Submitted(const std::string& name, const std::string& grade) {
  v1::Audit a;
  a.set_name(name);
  a.set_auditor("iro-1");
  a.set_state(v1::AUDIT_STATE_SUBMITTED);
  a.set_overall_grade(grade);
  a.set_child_safe(v1::CHILD_SAFE_YES);
  auto* answer = a.add_answers();
  answer->set_question("q1");
  answer->set_grade(grade);
  return a;
}

TEST(Moderation, EveryInadequateAndEveryChildNotSafeIsModeratedWhateverTheShare) {
  v1::Audit inadequate = Submitted("audits/a-1", "Inadequate");
  MarkForModeration(GradedTool(), 0, inadequate);
  EXPECT_TRUE(inadequate.moderation_required());
  EXPECT_EQ(inadequate.moderation_reason(), "inadequate");
  v1::Audit unsafe = Submitted("audits/a-2", "Good");
  unsafe.set_child_safe(v1::CHILD_SAFE_NO);
  MarkForModeration(GradedTool(), 0, unsafe);
  EXPECT_EQ(unsafe.moderation_reason(), "child not safe");
  v1::Audit good = Submitted("audits/a-3", "Good");
  MarkForModeration(GradedTool(), 0, good);
  EXPECT_FALSE(good.moderation_required());
}

TEST(Moderation, TheSampleTakesAboutTheAuthoritysShareAndTheSameAuditsEveryTime) {
  int sampled = 0;
  for (int i = 0; i < 2000; ++i) {
    v1::Audit a = Submitted(absl::StrCat("audits/a-", i), "Good");
    MarkForModeration(GradedTool(), 10, a);
    v1::Audit again = a;
    MarkForModeration(GradedTool(), 10, again);
    EXPECT_EQ(a.moderation_required(), again.moderation_required());
    sampled += a.moderation_required();
  }
  EXPECT_GT(sampled, 140);  // 10% of 2,000 is 200; a fair hash lands well within 140-260
  EXPECT_LT(sampled, 260);
}

TEST(Moderation, TheModeratorIsNeverTheAuditorAndDisagreementNeedsAGradeAndARationale) {
  const v1::Audit a = Submitted("audits/a-1", "Good");
  EXPECT_EQ(testing::FailedRuleOf(ToGrpcStatus(MayModerate(a, "iro-1"))),
            "moderation.not_the_auditor");
  EXPECT_TRUE(MayModerate(a, "tm-1").ok());
  v1::ModerateAuditRequest req;
  auto* g = req.add_grades();
  g->set_question("q1");
  g->set_agree(false);
  auto* twice = req.add_grades();
  twice->set_question("q1");
  twice->set_agree(true);
  req.set_overall_agree(false);
  EXPECT_THAT(testing::BadFields(ToGrpcStatus(CheckModeration(req, a, GradedTool()))),
              UnorderedElementsAre("grades[0].moderated_grade", "grades[1].question",
                                   "moderated_overall_grade", "rationale"));
}

TEST(Actions, RaisedByTheAuditorOrModeratorOnlyAfterModerationWhenItIsDue) {
  v1::Audit a = Submitted("audits/a-1", "Inadequate");
  a.set_moderation_required(true);
  EXPECT_EQ(testing::FailedRuleOf(ToGrpcStatus(MayRaiseAction(a, "iro-1"))),
            "audit.moderation_first");
  a.set_state(v1::AUDIT_STATE_MODERATED);
  a.mutable_moderation()->set_moderator("tm-1");
  EXPECT_TRUE(MayRaiseAction(a, "iro-1").ok());
  EXPECT_TRUE(MayRaiseAction(a, "tm-1").ok());
  EXPECT_EQ(testing::FailedRuleOf(ToGrpcStatus(MayRaiseAction(a, "sw-9"))),
            "action.auditor_or_moderator");
}

TEST(Actions, AnActionIsSignedOffWithEvidenceByAnyoneButItsOwner) {
  v1::AuditAction action;
  action.set_owner("sw-1");
  action.set_state(v1::ACTION_STATE_OPEN);
  EXPECT_EQ(testing::FailedRuleOf(ToGrpcStatus(MaySignOff(action, "sw-1", "minutes"))),
            "action.not_the_owner");
  EXPECT_THAT(testing::BadFields(ToGrpcStatus(MaySignOff(action, "tm-1", ""))),
              UnorderedElementsAre("evidence"));
  EXPECT_TRUE(MaySignOff(action, "tm-1", "plan on file, dated 3 December").ok());
  action.set_state(v1::ACTION_STATE_DONE);
  EXPECT_EQ(testing::FailedRuleOf(ToGrpcStatus(MaySignOff(action, "tm-1", "again"))),
            "action.open");
}

TEST(Actions, AnAuditClosesOnlyWithNothingOpenAndModeratedWhenItMustBe) {
  v1::Audit a = Submitted("audits/a-1", "Good");
  EXPECT_TRUE(MayClose(a, 0).ok());
  EXPECT_EQ(testing::FailedRuleOf(ToGrpcStatus(MayClose(a, 2))), "audit.actions_open");
  a.set_moderation_required(true);
  EXPECT_EQ(testing::FailedRuleOf(ToGrpcStatus(MayClose(a, 0))), "audit.moderation_first");
  a.set_state(v1::AUDIT_STATE_IN_PROGRESS);
  EXPECT_EQ(testing::FailedRuleOf(ToGrpcStatus(MayClose(a, 0))), "audit.submitted");
}

}  // namespace
}  // namespace assure::audits
