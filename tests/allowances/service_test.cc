#include "google/protobuf/util/message_differencer.h"
#include "tests/allowances/allowances_fixture.h"

namespace assure::allowances {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;
using google::protobuf::util::MessageDifferencer;

constexpr char kActiveSgo[] =
    "assure_allowances_active{tenant=\"LA1\",type=\"special_guardianship\"}";

TEST_F(AllowancesServiceTest, TheWholeLifeFromDraftThroughPaymentsToAStatutoryEnd) {
  v1::Allowance a = Prepared();
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_DRAFT);
  EXPECT_EQ(a.prepared_by(), "sw-1");
  EXPECT_EQ(a.assessment().assessed_by(), "sw-1");
  ASSERT_TRUE(Approve("tm-1", "team_manager", &a).ok());
  ASSERT_TRUE(Approve("hos-1", "senior_manager", &a).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_APPROVED);
  v1::ActivateAllowanceRequest activate;
  activate.set_name(a.name());
  ASSERT_TRUE(stub_->ActivateAllowance(Finance().get(), activate, &a).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_ACTIVE);
  EXPECT_EQ(Exported(kActiveSgo), "1");
  EXPECT_EQ(Exported("assure_allowances_active_annual_pence{tenant=\"LA1\",type=\""
                     "special_guardianship\"}"),
            "780000");

  v1::LedgerEntry e;
  ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 6), &e).ok());
  EXPECT_EQ(e.name(), "allowances/a-1/ledgerEntries/1");
  EXPECT_EQ(e.amount_pence(), 15000);
  EXPECT_EQ(e.recorded_by(), "fin-1");
  ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 13), &e).ok());

  v1::SuspendAllowanceRequest suspend;
  suspend.set_name(a.name());
  suspend.set_reason(v1::SUSPENSION_REASON_DECLARATION_NOT_RETURNED);
  ASSERT_TRUE(stub_->SuspendAllowance(Finance().get(), suspend, &a).ok());
  EXPECT_EQ(FailedRuleOf(Schedule(a.name(), absl::CivilDay(2026, 4, 20), &e)), "payment.active");
  EXPECT_EQ(Exported(kActiveSgo), "0");
  EXPECT_EQ(Exported("assure_allowances_suspended{reason=\"declaration_not_returned\","
                     "tenant=\"LA1\"}"),
            "1");

  v1::ResumeAllowanceRequest resume;
  resume.set_name(a.name());
  resume.set_pay_arrears(true);
  resume.set_arrears_pence(15000);
  resume.set_note("declaration returned; the week missed is paid");
  ASSERT_TRUE(stub_->ResumeAllowance(Finance().get(), resume, &a).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_ACTIVE);
  EXPECT_EQ(a.balance_pence(), 45000);

  v1::ListLedgerEntriesRequest list;
  list.set_parent(a.name());
  v1::ListLedgerEntriesResponse ledger;
  ASSERT_TRUE(stub_->ListLedgerEntries(Finance().get(), list, &ledger).ok());
  ASSERT_EQ(ledger.ledger_entries_size(), 3);
  EXPECT_EQ(ledger.ledger_entries(2).kind(), v1::LEDGER_ENTRY_KIND_ARREARS);
  EXPECT_EQ(ledger.balance_pence(), a.balance_pence()) << "the sum of the entries";

  // The child leaves the carers' home: the end point is found from the record.
  v1::UpdateSupportedChildRequest moved;
  moved.mutable_child()->set_name("supportedChildren/C-1");
  moved.mutable_child()->set_lives_with_carers(false);
  moved.mutable_update_mask()->add_paths("lives_with_carers");
  v1::SupportedChild child;
  ASSERT_TRUE(stub_->UpdateSupportedChild(Worker().get(), moved, &child).ok());
  EXPECT_EQ(FailedRuleOf(Schedule(a.name(), absl::CivilDay(2026, 4, 20), &e)),
            "end_point.no_longer_home");
  v1::CeaseAllowanceRequest cease;
  cease.set_name(a.name());
  cease.set_end_point(v1::END_POINT_NO_LONGER_HOME);
  *cease.mutable_end_date() = Day(2026, 4, 19);
  ASSERT_TRUE(stub_->CeaseAllowance(Finance().get(), cease, &a).ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_CEASED);
  EXPECT_EQ(a.cessation().ceased_by(), "fin-1");
  EXPECT_EQ(Exported("assure_allowances_ceased{end_point=\"no_longer_home\",tenant=\"LA1\"}"), "1");
  EXPECT_EQ(Exported(kActiveSgo), "0");
}

TEST_F(AllowancesServiceTest, ActivationBeforeEveryControlIsMetNamesTheRuleAndChangesNothing) {
  v1::CreateSupportedChildRequest child;
  *child.mutable_child() = AChild();
  child.set_child_id("C-1");
  v1::SupportedChild c;
  ASSERT_TRUE(stub_->CreateSupportedChild(Worker().get(), child, &c).ok());
  v1::CreateAllowanceRequest create;
  *create.mutable_allowance() = ADraft();
  create.mutable_allowance()->clear_paperwork();
  create.mutable_allowance()->clear_assessment();
  v1::Allowance a;
  ASSERT_TRUE(stub_->CreateAllowance(Worker().get(), create, &a).ok());
  ASSERT_TRUE(Approve("tm-1", "team_manager", &a).ok());
  ASSERT_TRUE(Approve("hos-1", "senior_manager", &a).ok());
  const v1::Allowance approved = a;

  v1::ActivateAllowanceRequest activate;
  activate.set_name(a.name());
  const auto st = stub_->ActivateAllowance(Finance().get(), activate, &a);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FailedRuleOf(st), "gate.conditions_agreed");
  EXPECT_NE(st.error_message().find("gate.financial_assessment"), std::string::npos);
  v1::GetAllowanceRequest get;
  get.set_name(approved.name());
  v1::Allowance stored;
  ASSERT_TRUE(stub_->GetAllowance(Finance().get(), get, &stored).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(stored, approved));
  EXPECT_EQ(Exported("assure_allowances_payments_blocked_total{rule=\"gate.conditions_agreed\","
                     "tenant=\"LA1\"}"),
            "1");
}

TEST_F(AllowancesServiceTest, ThePreparerCannotApproveAndNobodyApprovesTwice) {
  v1::Allowance a = Prepared();
  v1::ApproveAllowanceRequest req;
  req.set_name(a.name());
  req.set_role("team_manager");
  const auto own = stub_->ApproveAllowance(As("sw-1", "team_manager").get(), req, &a);
  EXPECT_EQ(FailedRuleOf(own), "approval.not_the_preparer");
  ASSERT_TRUE(Approve("tm-1", "team_manager", &a).ok());
  EXPECT_EQ(FailedRuleOf(Approve("tm-2", "team_manager", &a)), "approval.role_required");
  EXPECT_EQ(a.approvals_size(), 1);
  // A social worker holds no approving role at all.
  EXPECT_EQ(Approve("sw-2", "social_worker", &a).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(AllowancesServiceTest, ALedgerCodeThatDoesNotMatchTheTypeIsRefusedNamingTheRule) {
  v1::CreateSupportedChildRequest child;
  *child.mutable_child() = AChild();
  child.set_child_id("C-1");
  v1::SupportedChild c;
  ASSERT_TRUE(stub_->CreateSupportedChild(Worker().get(), child, &c).ok());
  v1::CreateAllowanceRequest create;
  *create.mutable_allowance() = ADraft();
  create.mutable_allowance()->clear_paperwork();
  create.mutable_allowance()->clear_assessment();
  create.mutable_allowance()->set_ledger_code("ADOPT-ALLOW");  // seed 002: miscoded
  v1::Allowance a;
  EXPECT_EQ(FailedRuleOf(stub_->CreateAllowance(Worker().get(), create, &a)),
            "allowance.ledger_code");
  v1::ListAllowancesResponse all;
  ASSERT_TRUE(stub_->ListAllowances(Finance().get(), {}, &all).ok());
  EXPECT_EQ(all.allowances_size(), 0);
}

TEST_F(AllowancesServiceTest, BadInputNamesEveryFieldAndStoresNothing) {
  v1::CreateAllowanceRequest create;
  create.mutable_allowance()->set_child("supportedChildren/C-1");
  create.mutable_allowance()->set_amount_pence(-5);
  auto* impossible = create.mutable_allowance()->mutable_start_date();
  impossible->set_year(2026);
  impossible->set_month(2);
  impossible->set_day(30);
  v1::Allowance a;
  const auto st = stub_->CreateAllowance(Worker().get(), create, &a);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(st), (std::vector<std::string>{
                               "allowance.type", "allowance.frequency", "allowance.amount_pence",
                               "allowance.start_date", "allowance.ledger_code"}));

  v1::RecordFinancialAssessmentRequest means;
  means.set_name("allowances/none");
  means.mutable_assessment()->set_disregard(v1::MEANS_DISREGARD_NONE);
  *means.mutable_assessment()->mutable_assessed_date() = Day(2026, 3, 1);
  const auto unevidenced = stub_->RecordFinancialAssessment(Worker().get(), means, &a);
  EXPECT_EQ(BadFields(unevidenced), std::vector<std::string>{"assessment.evidence"});

  v1::ListAllowancesResponse all;
  ASSERT_TRUE(stub_->ListAllowances(Finance().get(), {}, &all).ok());
  EXPECT_EQ(all.allowances_size(), 0);
}

TEST_F(AllowancesServiceTest, ARetriedInstalmentIsBookedOnceAndADayHoldsOneInstalment) {
  const v1::Allowance a = Active();
  v1::LedgerEntry first, again, other;
  ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 6), &first, "r-1").ok());
  ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 6), &again, "r-1").ok());
  EXPECT_TRUE(MessageDifferencer::Equals(first, again));
  EXPECT_EQ(FailedRuleOf(Schedule(a.name(), absl::CivilDay(2026, 4, 6), &other, "r-2")),
            "payment.one_instalment_a_day");
  v1::ListLedgerEntriesRequest list;
  list.set_parent(a.name());
  v1::ListLedgerEntriesResponse ledger;
  ASSERT_TRUE(stub_->ListLedgerEntries(Finance().get(), list, &ledger).ok());
  EXPECT_EQ(ledger.ledger_entries_size(), 1);
  EXPECT_EQ(ledger.balance_pence(), 15000);
}

TEST_F(AllowancesServiceTest, TheLedgerIsAppendOnlyInTheDatabaseItself) {
  const v1::Allowance a = Active();
  v1::LedgerEntry e;
  ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 6), &e).ok());
  for (const char* sql :
       {"UPDATE ledger_entries SET amount_pence = 1", "DELETE FROM ledger_entries"}) {
    const absl::Status st =
        store_->WriteAndWait("LA1", [&](store::Tx& tx) { return tx.db().Exec(sql, {}, nullptr); });
    EXPECT_FALSE(st.ok()) << sql;
  }
  v1::ListLedgerEntriesRequest list;
  list.set_parent(a.name());
  v1::ListLedgerEntriesResponse ledger;
  ASSERT_TRUE(stub_->ListLedgerEntries(Finance().get(), list, &ledger).ok());
  EXPECT_EQ(ledger.balance_pence(), 15000);
}

TEST_F(AllowancesServiceTest, EachAuthoritySeesOnlyItsOwnAllowancesAndSetsItsOwnScheme) {
  const v1::Allowance mine = Active("LA1");
  v1::GetAllowanceRequest get;
  get.set_name(mine.name());
  v1::Allowance seen;
  EXPECT_EQ(stub_->GetAllowance(Finance("LA2").get(), get, &seen).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // LA2 asks only its team manager; LA1 keeps the default two approvals.
  v1::UpdateAllowanceSettingsRequest update;
  update.mutable_settings()->set_name("allowanceSettings");
  auto* level = update.mutable_settings()->add_approval_levels();
  level->set_role("team_manager");
  update.mutable_update_mask()->add_paths("approval_levels");
  v1::AllowanceSettings saved;
  ASSERT_TRUE(
      stub_->UpdateAllowanceSettings(As("hos-2", "senior_manager", "LA2").get(), update, &saved)
          .ok());
  v1::Allowance theirs = Prepared("LA2");
  ASSERT_TRUE(Approve("tm-9", "team_manager", &theirs, "LA2").ok());
  EXPECT_EQ(theirs.state(), v1::ALLOWANCE_STATE_APPROVED);
  v1::GetAllowanceSettingsRequest read;
  read.set_name("allowanceSettings");
  v1::AllowanceSettings la1;
  ASSERT_TRUE(stub_->GetAllowanceSettings(Finance("LA1").get(), read, &la1).ok());
  EXPECT_EQ(la1.approval_levels_size(), 2);
}

}  // namespace
}  // namespace assure::allowances

namespace assure::allowances {
namespace {

TEST_F(AllowancesServiceTest, TheRateInForceOnTheStartCapsTheAmountAtActivation) {
  v1::CreateRateTableRequest create;
  create.set_rate_table_id("2025");
  auto* t = create.mutable_rate_table();
  *t->mutable_effective_date() = Day(2025, 4, 7);
  auto* r = t->add_rates();
  r->set_type(v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP);
  r->set_min_age(0);
  r->set_max_age(18);
  r->set_weekly_pence(14000);
  v1::RateTable saved;
  ASSERT_TRUE(stub_->CreateRateTable(Finance().get(), create, &saved).ok());

  v1::Allowance a = Prepared();
  ASSERT_TRUE(Approve("tm-1", "team_manager", &a).ok());
  ASSERT_TRUE(Approve("hos-1", "senior_manager", &a).ok());
  v1::ActivateAllowanceRequest activate;
  activate.set_name(a.name());
  EXPECT_EQ(FailedRuleOf(stub_->ActivateAllowance(Finance().get(), activate, &a)),
            "gate.within_rate")
      << "£150 a week against a rate of £140";

  // Uprated by 7.5% from the start of the allowance's year: £150.50 a week covers it.
  v1::UprateRateTableRequest uprate;
  uprate.set_name(saved.name());
  uprate.set_basis_points(750);
  *uprate.mutable_effective_date() = Day(2026, 4, 6);
  ASSERT_TRUE(stub_->UprateRateTable(Finance().get(), uprate, &saved).ok());
  EXPECT_EQ(saved.rates(0).weekly_pence(), 15050);
  ASSERT_TRUE(stub_->ActivateAllowance(Finance().get(), activate, &a).ok());
  EXPECT_EQ(a.rate_weekly_pence(), 15050);

  v1::ListRateTablesResponse tables;
  ASSERT_TRUE(stub_->ListRateTables(Finance().get(), {}, &tables).ok());
  ASSERT_EQ(tables.rate_tables_size(), 2);
  EXPECT_EQ(tables.rate_tables(0).name(), saved.name()) << "newest effective first";
  EXPECT_EQ(tables.rate_tables(0).uprated_from(), "rateTables/2025");
}

}  // namespace
}  // namespace assure::allowances
