#include "tests/allowances/allowances_fixture.h"

namespace assure::allowances {
namespace {

using assure::testing::FailedRuleOf;

v1::ListDeclarationsResponse DeclarationsIn(v1::AllowancesService::Stub& stub,
                                            const std::string& filter,
                                            const std::string& tenant = "LA1") {
  v1::ListDeclarationsRequest req;
  req.set_parent("allowances/-");
  req.set_filter(filter);
  v1::ListDeclarationsResponse out;
  const auto st = stub.ListDeclarations(As("aud-1", "auditor", tenant).get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

TEST_F(AllowancesServiceTest, ADeclarationNotBackIsRemindedThenPaymentIsSuspendedNeverCeased) {
  const v1::Allowance a = Active();
  v1::Declaration d;
  ASSERT_TRUE(Issue(a.name(), 2026, absl::CivilDay(2026, 4, 1), &d).ok());
  EXPECT_EQ(d.name(), "allowances/a-1/declarations/2026");

  Today(absl::CivilDay(2026, 4, 28));
  EXPECT_EQ(service_->RunDriftCheck(), 0);
  Today(absl::CivilDay(2026, 4, 29));
  EXPECT_EQ(service_->RunDriftCheck(), 1);
  EXPECT_EQ(service_->RunDriftCheck(), 0) << "reminded once";
  const auto reminded = DeclarationsIn(*stub_, "state = DECLARATION_STATE_REMINDED");
  ASSERT_EQ(reminded.declarations_size(), 1) << "listed, for a mail relay to send";
  EXPECT_EQ(reminded.declarations(0).next_step_date().day(), 27);  // 27 May

  Today(absl::CivilDay(2026, 5, 26));
  EXPECT_EQ(service_->RunDriftCheck(), 0);
  EXPECT_EQ(Stored(a.name()).state(), v1::ALLOWANCE_STATE_ACTIVE);
  Today(absl::CivilDay(2026, 5, 27));
  EXPECT_EQ(service_->RunDriftCheck(), 1);
  const v1::Allowance suspended = Stored(a.name());
  EXPECT_EQ(suspended.state(), v1::ALLOWANCE_STATE_SUSPENDED);
  EXPECT_EQ(suspended.suspension().reason(), v1::SUSPENSION_REASON_DECLARATION_NOT_RETURNED);
  EXPECT_EQ(suspended.suspension().suspended_by(), "system:drift-check");
  EXPECT_EQ(Exported("assure_allowances_suspended{reason=\"declaration_not_returned\","
                     "tenant=\"LA1\"}"),
            "1");
  v1::LedgerEntry e;
  EXPECT_EQ(FailedRuleOf(Schedule(a.name(), absl::CivilDay(2026, 6, 1), &e)), "payment.active");

  // Back late: the allowance stays suspended until someone decides to restart it.
  v1::ReturnDeclarationRequest back;
  back.set_name(d.name());
  *back.mutable_return_date() = Day(2026, 5, 27);
  ASSERT_TRUE(stub_->ReturnDeclaration(Finance().get(), back, &d).ok());
  EXPECT_EQ(d.state(), v1::DECLARATION_STATE_RETURNED);
  EXPECT_EQ(Stored(a.name()).state(), v1::ALLOWANCE_STATE_SUSPENDED);
  v1::ResumeAllowanceRequest resume;
  resume.set_name(a.name());
  v1::Allowance restarted;
  ASSERT_TRUE(stub_->ResumeAllowance(Finance().get(), resume, &restarted).ok());
  EXPECT_EQ(restarted.state(), v1::ALLOWANCE_STATE_ACTIVE);
}

TEST_F(AllowancesServiceTest, EachAuthorityRemindsOnItsOwnSetting) {
  const v1::Allowance mine = Active("LA1");
  const v1::Allowance theirs = Active("LA2");
  v1::UpdateAllowanceSettingsRequest update;
  update.mutable_settings()->set_name("allowanceSettings");
  update.mutable_settings()->set_declaration_reminder_days(14);
  update.mutable_update_mask()->add_paths("declaration_reminder_days");
  v1::AllowanceSettings saved;
  ASSERT_TRUE(
      stub_->UpdateAllowanceSettings(As("fin-2", "finance", "LA2").get(), update, &saved).ok());
  v1::Declaration d;
  ASSERT_TRUE(Issue(mine.name(), 2026, absl::CivilDay(2026, 4, 1), &d, "LA1").ok());
  ASSERT_TRUE(Issue(theirs.name(), 2026, absl::CivilDay(2026, 4, 1), &d, "LA2").ok());
  Today(absl::CivilDay(2026, 4, 15));
  EXPECT_EQ(service_->RunDriftCheck(), 1);
  EXPECT_EQ(DeclarationsIn(*stub_, "state = DECLARATION_STATE_REMINDED", "LA2").declarations_size(),
            1);
  EXPECT_EQ(DeclarationsIn(*stub_, "state = DECLARATION_STATE_REMINDED", "LA1").declarations_size(),
            0);
}

TEST_F(AllowancesServiceTest, TheEighteenthBirthdayCeasesSupportWithoutAnyoneAsking) {
  v1::SupportedChild older = AChild();
  *older.mutable_birth_date() = Day(2008, 5, 10);  // 18 on 10 May 2026
  *older.mutable_education_evidence_date() = Day(2026, 3, 1);
  const v1::Allowance a = Active("LA1", older);
  Today(absl::CivilDay(2026, 5, 9));
  EXPECT_EQ(service_->RunDriftCheck(), 0);
  Today(absl::CivilDay(2026, 5, 10));
  EXPECT_EQ(service_->RunDriftCheck(), 1);
  const v1::Allowance ceased = Stored(a.name());
  EXPECT_EQ(ceased.state(), v1::ALLOWANCE_STATE_CEASED);
  EXPECT_EQ(ceased.cessation().end_point(), v1::END_POINT_EIGHTEEN);
  EXPECT_EQ(ceased.cessation().end_date().day(), 9);
  EXPECT_EQ(ceased.cessation().ceased_by(), "system:drift-check");
  EXPECT_EQ(Exported("assure_allowances_ceased{end_point=\"eighteen\",tenant=\"LA1\"}"), "1");
  EXPECT_EQ(service_->RunDriftCheck(), 0);
}

TEST_F(AllowancesServiceTest, AYoungPersonInFullTimeEducationIsPaidPast18) {
  v1::SupportedChild student = AChild();
  *student.mutable_birth_date() = Day(2008, 5, 10);
  student.set_education(v1::EDUCATION_FULL_TIME_EDUCATION);
  *student.mutable_education_evidence_date() = Day(2026, 3, 1);
  *student.mutable_course_end_date() = Day(2027, 7, 16);
  const v1::Allowance a = Active("LA1", student);
  Today(absl::CivilDay(2026, 6, 1));
  EXPECT_EQ(service_->RunDriftCheck(), 0);
  v1::LedgerEntry e;
  EXPECT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 6, 1), &e).ok());
  Today(absl::CivilDay(2027, 7, 17));
  EXPECT_EQ(service_->RunDriftCheck(), 1);
  EXPECT_EQ(Stored(a.name()).cessation().end_point(), v1::END_POINT_COURSE_ENDED);
}

}  // namespace
}  // namespace assure::allowances

namespace assure::allowances {
namespace {

TEST_F(AllowancesServiceTest, AYoungPersonOver16WithoutThisYearsProofOfEducationIsSuspended) {
  v1::SupportedChild sixteen = AChild();
  *sixteen.mutable_birth_date() = Day(2010, 5, 10);
  const v1::Allowance a = Active("LA1", sixteen);
  Today(absl::CivilDay(2026, 6, 8));
  EXPECT_EQ(service_->RunDriftCheck(), 0);
  Today(absl::CivilDay(2026, 6, 9));
  EXPECT_EQ(service_->RunDriftCheck(), 1);
  const v1::Allowance held = Stored(a.name());
  EXPECT_EQ(held.state(), v1::ALLOWANCE_STATE_SUSPENDED);
  EXPECT_EQ(held.suspension().reason(), v1::SUSPENSION_REASON_NO_EDUCATION_EVIDENCE);

  // The proof arrives; restarting is a recorded decision, and then the check is content.
  v1::UpdateSupportedChildRequest proof;
  proof.mutable_child()->set_name("supportedChildren/C-1");
  *proof.mutable_child()->mutable_education_evidence_date() = Day(2026, 6, 9);
  proof.mutable_update_mask()->add_paths("education_evidence_date");
  v1::SupportedChild child;
  ASSERT_TRUE(stub_->UpdateSupportedChild(Worker().get(), proof, &child).ok());
  v1::ResumeAllowanceRequest resume;
  resume.set_name(a.name());
  v1::Allowance out;
  ASSERT_TRUE(stub_->ResumeAllowance(Finance().get(), resume, &out).ok());
  EXPECT_EQ(service_->RunDriftCheck(), 0);
  EXPECT_EQ(Stored(a.name()).state(), v1::ALLOWANCE_STATE_ACTIVE);
}

}  // namespace
}  // namespace assure::allowances
