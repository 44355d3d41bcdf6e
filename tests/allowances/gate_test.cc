#include "services/allowances/gate.h"

#include "gtest/gtest.h"
#include "tests/allowances/allowance_fixture.h"

namespace assure::allowances {
namespace {

std::vector<std::string> RulesOf(const v1::Allowance& a,
                                 const v1::AllowanceSettings& s = DefaultSettings()) {
  std::vector<std::string> rules;
  for (const auto& r : PaymentGate(a, s)) rules.push_back(r.rule);
  return rules;
}

TEST(PaymentGate, AnApprovedAllowanceWithEveryPaperAndAssessmentPasses) {
  EXPECT_TRUE(RulesOf(AnApproved()).empty());
}

TEST(PaymentGate, EachMissingControlIsNamedInTheOrderFinanceChecksThem) {
  v1::Allowance a = AnApproved();
  a.clear_paperwork();
  a.clear_assessment();
  a.clear_approvals();
  EXPECT_EQ(RulesOf(a), (std::vector<std::string>{"gate.conditions_agreed", "gate.signed_agreement",
                                                  "gate.forms", "gate.financial_assessment",
                                                  "gate.approvals"}));
}

TEST(PaymentGate, TheFormsTheTypeNeedsAreRequiredAndOnlyThose) {
  v1::Allowance a = AnApproved();
  a.mutable_paperwork()->clear_forms_received();
  const auto refusals = PaymentGate(a, DefaultSettings());
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].rule, "gate.forms");
  EXPECT_NE(refusals[0].description.find("SGA3"), std::string::npos);

  a.set_type(v1::ALLOWANCE_TYPE_ADOPTION);
  a.set_ledger_code("ADOPT-ALLOW");
  EXPECT_TRUE(RulesOf(a).empty()) << "adoption needs no form by default";
}

TEST(PaymentGate, AnAmountAboveTheAssessedAwardIsRefused) {
  v1::Allowance a = AnApproved();
  a.set_amount_pence(15001);
  EXPECT_EQ(RulesOf(a), std::vector<std::string>{"gate.within_assessment"});
  // The same year's money paid four-weekly is within it: 52 x 15000 = 13 x 60000.
  a.set_frequency(v1::FREQUENCY_FOUR_WEEKLY);
  a.set_amount_pence(60000);
  EXPECT_TRUE(RulesOf(a).empty());
}

TEST(PaymentGate, ALedgerCodeTheAuthorityDoesNotBookTheTypeToIsRefused) {
  v1::Allowance a = AnApproved();
  a.set_ledger_code("BOARDING-OUT");
  EXPECT_EQ(RulesOf(a), std::vector<std::string>{"gate.ledger_code"});
}

TEST(PaymentGate, TheSchemeOfDelegationAsksMoreApprovalsOfDearerAllowances) {
  v1::AllowanceSettings s = DefaultSettings();
  s.clear_approval_levels();
  auto* tm = s.add_approval_levels();
  tm->set_role("team_manager");
  auto* hos = s.add_approval_levels();
  hos->set_role("senior_manager");
  hos->set_min_annual_cost_pence(1'000'000);  // £10,000 a year

  v1::Allowance a = AnApproved();
  a.mutable_approvals()->RemoveLast();  // the senior manager's
  EXPECT_TRUE(MissingApprovals(a, s).empty()) << "£7,800 a year needs the team manager only";
  a.set_amount_pence(20000);  // £10,400 a year
  a.mutable_assessment()->set_weekly_award_pence(20000);
  EXPECT_EQ(MissingApprovals(a, s), std::vector<std::string>{"senior_manager"});
}

TEST(PaymentGate, TheStatusNamesTheFirstRuleAndDescribesEvery) {
  v1::Allowance a = AnApproved();
  a.clear_paperwork();
  const absl::Status st = GateStatus(PaymentGate(a, DefaultSettings()));
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(st.message().substr(0, 22), "gate.conditions_agreed");
  EXPECT_NE(st.message().find("gate.forms"), std::string::npos);
  EXPECT_TRUE(GateStatus({}).ok());
}

}  // namespace
}  // namespace assure::allowances
