#include "tests/allowances/allowances_fixture.h"

namespace assure::allowances {
namespace {

using assure::testing::BadFields;
using assure::testing::FailedRuleOf;

v1::ListPaymentInstructionsResponse InstructionsDue(v1::AllowancesService::Stub& stub,
                                                    absl::CivilDay from, absl::CivilDay to,
                                                    int page_size = 0,
                                                    const std::string& token = "") {
  v1::ListPaymentInstructionsRequest req;
  *req.mutable_due_from() = ToProto(from);
  *req.mutable_due_to() = ToProto(to);
  req.set_page_size(page_size);
  req.set_page_token(token);
  v1::ListPaymentInstructionsResponse out;
  const auto st = stub.ListPaymentInstructions(As("ledger", "finance").get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

v1::PaymentReport Paid(const std::string& instruction, int64_t pence,
                       const std::string& code = "SGO-ALLOW") {
  v1::PaymentReport p;
  p.set_instruction(instruction);
  p.set_paid_pence(pence);
  p.set_ledger_code(code);
  *p.mutable_paid_date() = Day(2026, 4, 10);
  return p;
}

TEST_F(AllowancesServiceTest, FinanceTakesThePeriodsInstructionsAndReportsWhatItPaid) {
  const v1::Allowance a = Active();
  v1::LedgerEntry e;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 6) + 7 * i, &e).ok());
  }
  Today(absl::CivilDay(2026, 4, 30));
  auto due = InstructionsDue(*stub_, absl::CivilDay(2026, 4, 1), absl::CivilDay(2026, 4, 15));
  ASSERT_EQ(due.instructions_size(), 2);
  EXPECT_EQ(due.instructions(0).instruction(), "allowances/a-1/ledgerEntries/1");
  EXPECT_EQ(due.instructions(0).child(), "supportedChildren/C-1");
  EXPECT_EQ(due.instructions(0).responsible_authority(), "LA1");

  // Paged one at a time, the same two.
  auto first = InstructionsDue(*stub_, absl::CivilDay(2026, 4, 1), absl::CivilDay(2026, 4, 15), 1);
  ASSERT_EQ(first.instructions_size(), 1);
  auto second = InstructionsDue(*stub_, absl::CivilDay(2026, 4, 1), absl::CivilDay(2026, 4, 15), 1,
                                first.next_page_token());
  ASSERT_EQ(second.instructions_size(), 1);
  EXPECT_EQ(second.instructions(0).instruction(), "allowances/a-1/ledgerEntries/2");
  EXPECT_TRUE(second.next_page_token().empty());

  v1::ReportPaymentsRequest report;
  *report.add_payments() = Paid("allowances/a-1/ledgerEntries/1", 15000);
  *report.add_payments() = Paid("allowances/a-1/ledgerEntries/2", 14000, "BOARDING-OUT");
  v1::ReportPaymentsResponse booked;
  ASSERT_TRUE(stub_->ReportPayments(Finance().get(), report, &booked).ok());
  ASSERT_EQ(booked.ledger_entries_size(), 2);
  EXPECT_FALSE(booked.ledger_entries(0).differs());
  EXPECT_TRUE(booked.ledger_entries(1).differs()) << "amount and code both differ";
  EXPECT_EQ(booked.ledger_entries(1).instruction(), "allowances/a-1/ledgerEntries/2");
  EXPECT_EQ(Stored(a.name()).balance_pence(), 45000 - 29000);

  due = InstructionsDue(*stub_, absl::CivilDay(2026, 4, 1), absl::CivilDay(2026, 4, 30));
  ASSERT_EQ(due.instructions_size(), 1) << "only the third is still to pay";
  EXPECT_EQ(due.instructions(0).instruction(), "allowances/a-1/ledgerEntries/3");
}

TEST_F(AllowancesServiceTest, APaymentIsReportedOnceAndABatchIsBookedWholeOrNotAtAll) {
  const v1::Allowance a = Active();
  v1::LedgerEntry e;
  ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 6), &e).ok());
  ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 13), &e).ok());
  Today(absl::CivilDay(2026, 4, 30));
  v1::ReportPaymentsRequest once;
  *once.add_payments() = Paid("allowances/a-1/ledgerEntries/1", 15000);
  v1::ReportPaymentsResponse booked;
  ASSERT_TRUE(stub_->ReportPayments(Finance().get(), once, &booked).ok());

  v1::ReportPaymentsRequest batch;
  *batch.add_payments() = Paid("allowances/a-1/ledgerEntries/2", 15000);
  *batch.add_payments() = Paid("allowances/a-1/ledgerEntries/1", 15000);
  EXPECT_EQ(FailedRuleOf(stub_->ReportPayments(Finance().get(), batch, &booked)),
            "payment.already_reported");
  EXPECT_EQ(InstructionsDue(*stub_, absl::CivilDay(2026, 4, 1), absl::CivilDay(2026, 4, 30))
                .instructions_size(),
            1)
      << "the second was not booked either";

  v1::ReportPaymentsRequest bad;
  *bad.add_payments() = Paid("allowances/a-1", 0, "");
  EXPECT_EQ(BadFields(stub_->ReportPayments(Finance().get(), bad, &booked)),
            (std::vector<std::string>{"payments[0].instruction", "payments[0].paid_pence",
                                      "payments[0].ledger_code"}));
  v1::ReportPaymentsRequest not_an_instruction;
  *not_an_instruction.add_payments() = Paid("allowances/a-1/ledgerEntries/3", 15000);  // paid
  EXPECT_EQ(FailedRuleOf(stub_->ReportPayments(Finance().get(), not_an_instruction, &booked)),
            "payment.instruction");
  v1::ReportPaymentsRequest unknown;
  *unknown.add_payments() = Paid("allowances/a-1/ledgerEntries/9", 15000);
  EXPECT_EQ(stub_->ReportPayments(Finance().get(), unknown, &booked).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace assure::allowances
