#include "services/allowances/controls.h"

#include "gtest/gtest.h"
#include "tests/allowances/allowance_fixture.h"

namespace assure::allowances {
namespace {

v1::LedgerEntry Instalment(int seq, absl::CivilDay due, const std::string& code = "SGO-ALLOW") {
  v1::LedgerEntry e;
  e.set_name("allowances/a-1/ledgerEntries/" + std::to_string(seq));
  e.set_kind(v1::LEDGER_ENTRY_KIND_SCHEDULED);
  e.set_amount_pence(15000);
  *e.mutable_due_date() = ToProto(due);
  e.set_ledger_code(code);
  return e;
}

// One active SGO allowance for C-1, two instalments scheduled, on 1 May 2026.
ControlRecords Records() {
  ControlRecords r;
  r.year = 2026;
  r.today = absl::CivilDay(2026, 5, 1);
  r.settings = DefaultSettings();
  v1::Allowance a = AnApproved();
  a.set_state(v1::ALLOWANCE_STATE_ACTIVE);
  r.allowances.push_back(a);
  r.children[AChild().name()] = AChild();
  r.ledgers[a.name()] = {Instalment(1, absl::CivilDay(2026, 4, 6)),
                         Instalment(2, absl::CivilDay(2026, 4, 13))};
  return r;
}

int Count(const v1::AllowanceControls& report, const std::string& control) {
  for (const auto& c : report.controls()) {
    if (c.control() == control) return c.count();
  }
  ADD_FAILURE() << "no control " << control;
  return -1;
}

TEST(Controls, EveryControlReadsZeroWhenTheRulesWereKept) {
  const auto report = Controls(Records());
  ASSERT_EQ(report.controls_size(), 4);
  for (const auto& c : report.controls()) EXPECT_EQ(c.count(), 0) << c.control();
  EXPECT_EQ(report.declarations_not_issued_size(), 1) << "none issued yet for 2026";
}

TEST(Controls, ANewFormRequiredListsTheAllowancesPaidWithoutIt) {
  ControlRecords r = Records();
  r.settings.mutable_required_forms(0)->add_forms("SGA4");
  const auto report = Controls(r);
  EXPECT_EQ(Count(report, "scheduled_without_controls"), 1);
  EXPECT_EQ(report.controls(0).resources(0), "allowances/a-1");
}

TEST(Controls, AnInstalmentAfterADeathRecordedLateIsAFailureUntilTheOverpaymentIsRecorded) {
  ControlRecords r = Records();
  *r.children["supportedChildren/C-1"].mutable_death_date() = Day(2026, 4, 10);
  EXPECT_EQ(Count(Controls(r), "paid_after_end_point"), 1);
  v1::LedgerEntry found;
  found.set_kind(v1::LEDGER_ENTRY_KIND_OVERPAYMENT);
  found.set_amount_pence(-15000);
  r.ledgers["allowances/a-1"].push_back(found);
  EXPECT_EQ(Count(Controls(r), "paid_after_end_point"), 0);
}

TEST(Controls, MiscodedAndDifferingPaymentsAreListed) {
  ControlRecords r = Records();
  r.ledgers["allowances/a-1"][1].set_ledger_code("BOARDING-OUT");
  v1::LedgerEntry paid;
  paid.set_name("allowances/a-1/ledgerEntries/3");
  paid.set_kind(v1::LEDGER_ENTRY_KIND_PAID);
  paid.set_amount_pence(-14000);
  paid.set_ledger_code("SGO-ALLOW");
  paid.set_differs(true);
  r.ledgers["allowances/a-1"].push_back(paid);
  const auto report = Controls(r);
  EXPECT_EQ(Count(report, "ledger_code_mismatch"), 1);
  EXPECT_EQ(Count(report, "payment_differs"), 1);
  EXPECT_EQ(report.controls(3).resources(0), "allowances/a-1/ledgerEntries/3");
}

TEST(Controls, TheYearsListsAndMoney) {
  ControlRecords r = Records();
  v1::SupportedChild older = AChild();
  older.set_name("supportedChildren/C-2");
  *older.mutable_birth_date() = Day(2009, 3, 31);  // 18 on 31 March 2027: this year
  r.children[older.name()] = older;
  v1::Declaration d;
  d.set_name("allowances/a-1/declarations/2026");
  d.set_state(v1::DECLARATION_STATE_REMINDED);
  r.declarations.push_back(d);
  r.today = absl::CivilDay(2027, 3, 25);
  const auto report = Controls(r);
  EXPECT_EQ(report.declarations_reminded(), 1);
  EXPECT_EQ(report.declarations_not_issued_size(), 0);
  ASSERT_EQ(report.turning_eighteen_size(), 1);
  EXPECT_EQ(report.turning_eighteen(0), "supportedChildren/C-2");
  ASSERT_EQ(report.active_size(), 1);
  EXPECT_EQ(report.active(0).annual_cost_pence(), 780000);
  EXPECT_EQ(report.universal_credit_to_decide_size(), 0);
  r.children["supportedChildren/C-1"].set_own_benefit(v1::OWN_BENEFIT_UNIVERSAL_CREDIT);
  EXPECT_EQ(Controls(r).universal_credit_to_decide(0), "supportedChildren/C-1");
  EXPECT_EQ(report.active(0).forecast_pence(), 780000 * 7 / 365) << "25 to 31 March";
}

}  // namespace
}  // namespace assure::allowances
