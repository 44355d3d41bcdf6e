#include "services/allowances/validation.h"

#include "gtest/gtest.h"
#include "tests/allowances/allowance_fixture.h"

namespace assure::allowances {
namespace {

const absl::CivilDay kToday(2026, 4, 1);

TEST(Assessment, MeansTestedItNeedsThreePayslipsOrTheAccounts) {
  v1::FinancialAssessment f = ADraft().assessment();
  EXPECT_TRUE(ValidateAssessment(f, kToday).ok());
  f.mutable_evidence()->RemoveLast();
  const absl::Status st = ValidateAssessment(f, kToday);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("assessment.evidence"), std::string::npos);
  f.add_evidence(v1::EVIDENCE_KIND_ACCOUNTS);
  EXPECT_TRUE(ValidateAssessment(f, kToday).ok());
}

TEST(Assessment, DisregardedMeansNeedNoEvidenceButAnOtherCaseIsNamed) {
  v1::FinancialAssessment f = ADraft().assessment();
  f.clear_evidence();
  f.set_disregard(v1::MEANS_DISREGARD_FORMER_FOSTER_CARER);
  EXPECT_TRUE(ValidateAssessment(f, kToday).ok());
  f.set_disregard(v1::MEANS_DISREGARD_OTHER_LISTED);
  EXPECT_NE(ValidateAssessment(f, kToday).message().find("assessment.disregard_note"),
            std::string::npos);
}

TEST(Assessment, NegativeOrAbsurdAmountsAndFutureDatesAreRefused) {
  v1::FinancialAssessment f = ADraft().assessment();
  f.set_weekly_award_pence(-1);
  EXPECT_NE(ValidateAssessment(f, kToday).message().find("weekly_award_pence"), std::string::npos);
  f = ADraft().assessment();
  *f.mutable_assessed_date() = Day(2026, 4, 2);
  EXPECT_NE(ValidateAssessment(f, kToday).message().find("assessed_date"), std::string::npos);
}

TEST(NewAllowance, AOneOffIsPaidOnceAndOnlyAOneOffIs) {
  v1::Allowance a = ADraft();
  EXPECT_TRUE(ValidateAllowance(a).ok());
  a.set_frequency(v1::FREQUENCY_ONCE);
  EXPECT_NE(ValidateAllowance(a).message().find("allowance.frequency"), std::string::npos);
  a.set_type(v1::ALLOWANCE_TYPE_ONE_OFF);
  EXPECT_TRUE(ValidateAllowance(a).ok());
}

TEST(NewAllowance, AmountPeriodAndCodeAreChecked) {
  v1::Allowance a = ADraft();
  a.set_amount_pence(0);
  *a.mutable_end_date() = Day(2026, 4, 5);
  a.clear_ledger_code();
  const std::string m(ValidateAllowance(a).message());
  EXPECT_NE(m.find("allowance.amount_pence"), std::string::npos) << m;
}

TEST(Child, ABirthDateInTheFutureIsRefused) {
  v1::SupportedChild c = AChild();
  EXPECT_TRUE(ValidateChild(c, kToday).ok());
  *c.mutable_birth_date() = Day(2026, 5, 1);
  EXPECT_NE(ValidateChild(c, kToday).message().find("child.birth_date"), std::string::npos);
}

TEST(Settings, TheDefaultsAreValidAndASchemeWithNoApproverIsNot) {
  v1::AllowanceSettings s = DefaultSettings();
  EXPECT_TRUE(ValidateSettings(s).ok());
  s.clear_approval_levels();
  EXPECT_NE(ValidateSettings(s).message().find("settings.approval_levels"), std::string::npos);
  s = DefaultSettings();
  s.add_ledger_codes()->set_type(v1::ALLOWANCE_TYPE_ADOPTION);
  EXPECT_NE(ValidateSettings(s).message().find("settings.ledger_codes[6]"), std::string::npos);
}

}  // namespace
}  // namespace assure::allowances
