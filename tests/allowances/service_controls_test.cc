#include "tests/allowances/allowances_fixture.h"
#include "tests/support/findings_receiver.h"

namespace assure::allowances {
namespace {

v1::AllowanceControls ControlsOf(v1::AllowancesService::Stub& stub,
                                 const std::string& tenant = "LA1") {
  v1::GetAllowanceControlsRequest req;
  v1::AllowanceControls out;
  const auto st = stub.GetAllowanceControls(As("aud-1", "auditor", tenant).get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

int DeclarationsCounted(v1::AllowancesService::Stub& stub, const std::string& state) {
  v1::ListDeclarationsRequest req;
  req.set_parent("allowances/-");
  req.set_filter("year = 2026 AND state = " + state);
  v1::ListDeclarationsResponse out;
  EXPECT_TRUE(stub.ListDeclarations(As("aud-1", "auditor").get(), req, &out).ok());
  return out.declarations_size();
}

// The controls report, computed from the records, agrees with what the lists show: each
// differing payment, each declaration by state, the allowances being paid and their cost.
TEST_F(AllowancesServiceTest, TheControlsReportReconcilesWithTheLists) {
  const v1::Allowance a = Active();
  v1::LedgerEntry e;
  ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 6), &e).ok());
  ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 13), &e).ok());
  v1::Declaration d;
  ASSERT_TRUE(Issue(a.name(), 2026, absl::CivilDay(2026, 4, 1), &d).ok());
  Today(absl::CivilDay(2026, 4, 30));
  EXPECT_EQ(service_->RunDriftCheck(), 1);  // reminded

  auto report = ControlsOf(*stub_);
  for (const auto& c : report.controls()) EXPECT_EQ(c.count(), 0) << c.control();

  v1::ReportPaymentsRequest paid;
  auto* p = paid.add_payments();
  p->set_instruction("allowances/a-1/ledgerEntries/1");
  p->set_paid_pence(14000);
  p->set_ledger_code("SGO-ALLOW");
  *p->mutable_paid_date() = Day(2026, 4, 8);
  v1::ReportPaymentsResponse booked;
  ASSERT_TRUE(stub_->ReportPayments(Finance().get(), paid, &booked).ok());

  report = ControlsOf(*stub_);
  EXPECT_EQ(report.year(), 2026);
  v1::ListLedgerEntriesRequest list;
  list.set_parent(a.name());
  v1::ListLedgerEntriesResponse ledger;
  ASSERT_TRUE(stub_->ListLedgerEntries(Finance().get(), list, &ledger).ok());
  int differing = 0;
  for (const auto& entry : ledger.ledger_entries()) differing += entry.differs();
  EXPECT_EQ(report.controls(3).control(), "payment_differs");
  EXPECT_EQ(report.controls(3).count(), differing);
  EXPECT_EQ(differing, 1);

  EXPECT_EQ(report.declarations_reminded(),
            DeclarationsCounted(*stub_, "DECLARATION_STATE_REMINDED"));
  EXPECT_EQ(report.declarations_reminded(), 1);
  EXPECT_EQ(report.declarations_issued(), DeclarationsCounted(*stub_, "DECLARATION_STATE_ISSUED"));

  v1::ListAllowancesRequest active;
  active.set_filter("state = ALLOWANCE_STATE_ACTIVE");
  v1::ListAllowancesResponse paying;
  ASSERT_TRUE(stub_->ListAllowances(Finance().get(), active, &paying).ok());
  ASSERT_EQ(report.active_size(), 1);
  EXPECT_EQ(report.active(0).count(), paying.allowances_size());
  EXPECT_EQ(report.active(0).annual_cost_pence(), 780000);

  EXPECT_EQ(ControlsOf(*stub_, "LA2").active_size(), 0) << "another authority's is its own";
}

}  // namespace
}  // namespace assure::allowances

namespace assure::allowances {
namespace {

namespace plans = ::assure::actionplans::v1;

// With action plans standing by: a control that starts failing is sent once, as a finding
// of high priority, and the board's figure reads what the report reads.
class ControlFindingsTest : public AllowancesServiceTest {
 protected:
  void SetUp() override {
    routes_ = plans_.RoutesHere();
    AllowancesServiceTest::SetUp();
  }

  assure::testing::ActionPlansStandIn plans_;
};

TEST_F(ControlFindingsTest, AControlThatStartsFailingIsCountedAndSentToActionPlansOnce) {
  const v1::Allowance a = Active();
  v1::LedgerEntry e;
  ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 6), &e).ok());
  service_->CountControls();
  const std::string series =
      "assure_allowances_control_failures{control=\"scheduled_without_controls\",tenant=\"LA1\"}";
  EXPECT_EQ(Exported(series), "0");
  EXPECT_EQ(outbox_->DeliverDue(), 0);

  // The authority now requires a second form for SGO allowances: the one being paid lacks it.
  v1::UpdateAllowanceSettingsRequest update;
  update.mutable_settings()->set_name("allowanceSettings");
  auto* forms = update.mutable_settings()->add_required_forms();
  forms->set_type(v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP);
  forms->add_forms("SGA3");
  forms->add_forms("SGA4");
  update.mutable_update_mask()->add_paths("required_forms");
  v1::AllowanceSettings saved;
  ASSERT_TRUE(stub_->UpdateAllowanceSettings(Finance().get(), update, &saved).ok());
  service_->CountControls();
  service_->CountControls();
  EXPECT_EQ(Exported(series), "1");
  EXPECT_EQ(outbox_->DeliverDue(), 1);
  EXPECT_EQ(outbox_->DeliverDue(), 0);
  const auto received = plans_.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].finding().source(), plans::FINDING_SOURCE_ALLOWANCE_CONTROL);
  EXPECT_EQ(received[0].finding().source_record(), "allowanceControls/scheduled_without_controls");
  EXPECT_EQ(received[0].finding().priority(), plans::FINDING_PRIORITY_HIGH);

  // The form arrives: the control reads 0 again; a later failure would be a new spell.
  v1::RecordPaperworkRequest paper;
  paper.set_name(a.name());
  *paper.mutable_paperwork() = ADraft().paperwork();
  paper.mutable_paperwork()->add_forms_received("SGA4");
  v1::Allowance out;
  ASSERT_TRUE(stub_->RecordPaperwork(Worker().get(), paper, &out).ok());
  service_->CountControls();
  EXPECT_EQ(Exported(series), "0");
  EXPECT_EQ(outbox_->DeliverDue(), 0);
}

}  // namespace
}  // namespace assure::allowances
