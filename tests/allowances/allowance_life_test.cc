#include "services/allowances/allowance_life.h"

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/allowances/gate.h"
#include "tests/allowances/allowance_fixture.h"

namespace assure::allowances {
namespace {

using google::protobuf::util::MessageDifferencer;

const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 4, 1, 10, 0, 0), absl::UTCTimeZone());

Actor As(const std::string& subject, const std::string& role) { return {subject, {role}, kNow}; }

// The rule a failed step names ("" when it succeeded), and that it changed nothing.
std::string RuleOf(const absl::Status& st, const v1::Allowance& before,
                   const v1::Allowance& after) {
  if (st.ok()) return "";
  EXPECT_TRUE(MessageDifferencer::Equals(before, after)) << "a refused step changed it";
  return std::string(st.message().substr(0, st.message().find(':')));
}

TEST(Approval, ThePreparerCannotApproveTheirOwnAllowance) {
  v1::Allowance a = ADraft();
  const v1::Allowance before = a;
  Actor preparer{"sw-1", {"team_manager"}, kNow};
  EXPECT_EQ(RuleOf(Approve(a, DefaultSettings(), "team_manager", preparer), before, a),
            "approval.not_the_preparer");
}

TEST(Approval, EachRoleTheSchemeAsksIsGivenOnceByADifferentPersonThenItIsApproved) {
  v1::Allowance a = ADraft();
  ASSERT_TRUE(Approve(a, DefaultSettings(), "team_manager", As("tm-1", "team_manager")).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_DRAFT);
  v1::Allowance before = a;
  EXPECT_EQ(
      RuleOf(Approve(a, DefaultSettings(), "team_manager", As("tm-2", "team_manager")), before, a),
      "approval.role_required");
  Actor both{"tm-1", {"team_manager", "senior_manager"}, kNow};
  EXPECT_EQ(RuleOf(Approve(a, DefaultSettings(), "senior_manager", both), before, a),
            "approval.distinct_approvers");
  EXPECT_EQ(
      RuleOf(Approve(a, DefaultSettings(), "senior_manager", As("x", "team_manager")), before, a),
      "approval.role_held");
  ASSERT_TRUE(Approve(a, DefaultSettings(), "senior_manager", As("hos-1", "senior_manager")).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_APPROVED);
  EXPECT_EQ(a.approvals_size(), 2);
  EXPECT_EQ(a.approvals(1).approver(), "hos-1");
}

TEST(Activation, OnlyThroughTheGate) {
  v1::Allowance a = AnApproved();
  a.mutable_paperwork()->clear_signed_agreement_date();
  const v1::Allowance before = a;
  EXPECT_EQ(RuleOf(Activate(a, DefaultSettings()), before, a), "gate.signed_agreement");
  a = AnApproved();
  ASSERT_TRUE(Activate(a, DefaultSettings()).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_ACTIVE);
  const v1::Allowance active = a;
  EXPECT_EQ(RuleOf(Activate(a, DefaultSettings()), active, a), "allowance.state");
}

TEST(Assessment, ANewAssessmentWithdrawsApprovalsGivenOnTheOldOne) {
  v1::Allowance a = AnApproved();
  ASSERT_TRUE(RecordAssessment(a, a.assessment()).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_DRAFT);
  EXPECT_EQ(a.approvals_size(), 0);
  ASSERT_TRUE(Activate(a = AnApproved(), DefaultSettings()).ok());
  v1::FinancialAssessment lower = a.assessment();
  lower.set_weekly_award_pence(12000);
  ASSERT_TRUE(RecordAssessment(a, lower).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_ACTIVE) << "reducing it is a decision with notice";
  EXPECT_EQ(PaymentGate(a, DefaultSettings()).front().rule, "gate.within_assessment");
}

TEST(Suspension, SuspendedAndResumedThroughTheGateAgain) {
  v1::Allowance a = AnApproved();
  ASSERT_TRUE(Activate(a, DefaultSettings()).ok());
  ASSERT_TRUE(
      Suspend(a, v1::SUSPENSION_REASON_DECLARATION_NOT_RETURNED, "", As("f", "finance")).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_SUSPENDED);
  EXPECT_EQ(a.suspension().suspended_by(), "f");
  a.mutable_paperwork()->clear_forms_received();
  const v1::Allowance before = a;
  EXPECT_EQ(RuleOf(Resume(a, DefaultSettings()), before, a), "gate.forms");
  a.mutable_paperwork()->add_forms_received("SGA3");
  ASSERT_TRUE(Resume(a, DefaultSettings()).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_ACTIVE);
  EXPECT_FALSE(a.has_suspension());
}

TEST(Cessation, OnlyAtAnEndPointThatHoldsTheDayAfterTheLastDayPaid) {
  v1::Allowance a = AnApproved();
  ASSERT_TRUE(Activate(a, DefaultSettings()).ok());
  const v1::Allowance before = a;
  const v1::SupportedChild child = AChild();  // 18 on 10 May 2030
  EXPECT_EQ(RuleOf(Cease(a, child, v1::END_POINT_EIGHTEEN, absl::CivilDay(2030, 5, 8), "",
                         As("f", "finance")),
                   before, a),
            "end_point.eighteen");
  ASSERT_TRUE(
      Cease(a, child, v1::END_POINT_EIGHTEEN, absl::CivilDay(2030, 5, 9), "", As("f", "finance"))
          .ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_CEASED);
  EXPECT_EQ(a.cessation().end_point(), v1::END_POINT_EIGHTEEN);
  const v1::Allowance ceased = a;
  EXPECT_EQ(RuleOf(Cease(a, child, v1::END_POINT_EIGHTEEN, absl::CivilDay(2030, 5, 9), "",
                         As("f", "finance")),
                   ceased, a),
            "allowance.state");
}

TEST(Cessation, ACeasedAllowanceIsNeverSuspendedOrResumed) {
  v1::Allowance a = AnApproved();
  v1::SupportedChild child = AChild();
  child.set_lives_with_carers(false);
  ASSERT_TRUE(Cease(a, child, v1::END_POINT_NO_LONGER_HOME, absl::CivilDay(2026, 6, 1), "",
                    As("f", "finance"))
                  .ok());
  const v1::Allowance ceased = a;
  EXPECT_EQ(RuleOf(Suspend(a, v1::SUSPENSION_REASON_OTHER, "", As("f", "finance")), ceased, a),
            "allowance.state");
  EXPECT_EQ(RuleOf(Resume(a, DefaultSettings()), ceased, a), "allowance.state");
}

}  // namespace
}  // namespace assure::allowances
