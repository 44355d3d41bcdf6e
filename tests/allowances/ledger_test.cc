#include "services/allowances/ledger.h"

#include "gtest/gtest.h"
#include "services/allowances/allowance_life.h"
#include "services/allowances/money.h"
#include "tests/allowances/allowance_fixture.h"

namespace assure::allowances {
namespace {

v1::Allowance AnActive() {
  v1::Allowance a = AnApproved();
  a.set_state(v1::ALLOWANCE_STATE_ACTIVE);
  return a;
}

std::string RuleOf(const absl::StatusOr<v1::LedgerEntry>& e) {
  if (e.ok()) return "";
  return std::string(e.status().message().substr(0, e.status().message().find(':')));
}

TEST(Ledger, TheBalanceIsThePlainSumOfSignedEntries) {
  std::vector<v1::LedgerEntry> entries;
  const std::pair<v1::LedgerEntryKind, int64_t> booked[] = {
      {v1::LEDGER_ENTRY_KIND_SCHEDULED, 15000}, {v1::LEDGER_ENTRY_KIND_PAID, 15000},
      {v1::LEDGER_ENTRY_KIND_SCHEDULED, 15000}, {v1::LEDGER_ENTRY_KIND_ARREARS, 3000},
      {v1::LEDGER_ENTRY_KIND_PAID, 20000},      {v1::LEDGER_ENTRY_KIND_RECOUPED, 2000}};
  for (const auto& [kind, pence] : booked) {
    v1::LedgerEntry e;
    e.set_kind(kind);
    e.set_amount_pence(Signed(kind, pence));
    entries.push_back(e);
  }
  // Owed 33,000, paid 35,000: 2,000 overpaid, then recouped to 0.
  EXPECT_EQ(Balance(entries), 0);
  entries.pop_back();
  EXPECT_EQ(Balance(entries), -2000);
}

TEST(Ledger, AnInstalmentIsTheAllowancesAmountBookedToItsCode) {
  auto e = Instalment(AnActive(), AChild(), DefaultSettings(), absl::CivilDay(2026, 4, 6), 0);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->kind(), v1::LEDGER_ENTRY_KIND_SCHEDULED);
  EXPECT_EQ(e->amount_pence(), 15000);
  EXPECT_EQ(e->ledger_code(), "SGO-ALLOW");
}

TEST(Ledger, NothingIsScheduledForAnAllowanceNotActiveOrNotThroughTheGate) {
  EXPECT_EQ(
      RuleOf(Instalment(AnApproved(), AChild(), DefaultSettings(), absl::CivilDay(2026, 4, 6), 0)),
      "payment.active");
  v1::Allowance a = AnActive();
  a.clear_assessment();
  EXPECT_EQ(RuleOf(Instalment(a, AChild(), DefaultSettings(), absl::CivilDay(2026, 4, 6), 0)),
            "gate.financial_assessment");
}

TEST(Ledger, NothingIsScheduledBeforeTheStartOrAfterAnEndPoint) {
  EXPECT_EQ(
      RuleOf(Instalment(AnActive(), AChild(), DefaultSettings(), absl::CivilDay(2026, 4, 5), 0)),
      "payment.before_start");
  EXPECT_EQ(
      RuleOf(Instalment(AnActive(), AChild(), DefaultSettings(), absl::CivilDay(2030, 5, 10), 0)),
      "end_point.eighteen");
  EXPECT_EQ(
      RuleOf(Instalment(AnActive(), AChild(), DefaultSettings(), absl::CivilDay(2030, 5, 9), 0)),
      "");
}

TEST(Ledger, AOneOffIsScheduledOnce) {
  v1::Allowance a = AnActive();
  a.set_type(v1::ALLOWANCE_TYPE_ONE_OFF);
  a.set_frequency(v1::FREQUENCY_ONCE);
  a.set_ledger_code("ONE-OFF");
  EXPECT_EQ(RuleOf(Instalment(a, AChild(), DefaultSettings(), absl::CivilDay(2026, 5, 1), 0)), "");
  EXPECT_EQ(RuleOf(Instalment(a, AChild(), DefaultSettings(), absl::CivilDay(2026, 5, 2), 1)),
            "payment.one_off_once");
}

TEST(Money, AYearsCostIsCountedInWholePenceByFrequency) {
  EXPECT_EQ(AnnualCostPence(15000, v1::FREQUENCY_WEEKLY), 780000);
  EXPECT_EQ(AnnualCostPence(60000, v1::FREQUENCY_FOUR_WEEKLY), 780000);
  EXPECT_EQ(AnnualCostPence(65000, v1::FREQUENCY_MONTHLY), 780000);
  EXPECT_EQ(AnnualCostPence(50000, v1::FREQUENCY_ONCE), 50000);
  EXPECT_EQ(AnnualCostPence(kMaxPaymentPence, v1::FREQUENCY_WEEKLY), 520'000'000);
}

}  // namespace
}  // namespace assure::allowances
