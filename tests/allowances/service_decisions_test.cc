#include "google/protobuf/util/message_differencer.h"
#include "tests/allowances/allowances_fixture.h"

namespace assure::allowances {
namespace {

using assure::testing::FailedRuleOf;
using google::protobuf::util::MessageDifferencer;

v1::ListLedgerEntriesResponse LedgerIn(v1::AllowancesService::Stub& stub,
                                       const std::string& allowance) {
  v1::ListLedgerEntriesRequest req;
  req.set_parent(allowance);
  v1::ListLedgerEntriesResponse out;
  const auto st = stub.ListLedgerEntries(As("aud-1", "auditor").get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

// A reduction back-dated to a change the carers reported late: notice, representations, a
// decision with reasons after the period, the overpayment it finds booked, recovery decided,
// part recouped and the rest written off, and the ledger back to what was paid rightly.
TEST_F(AllowancesServiceTest,
       AReductionGoesThroughNoticeAndRepresentationsAndItsOverpaymentToZero) {
  const v1::Allowance a = Active();
  v1::LedgerEntry e;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Schedule(a.name(), absl::CivilDay(2026, 4, 6) + 7 * i, &e).ok());
  }
  Today(absl::CivilDay(2026, 4, 21));
  v1::ProposeDecisionRequest propose;
  propose.set_parent(a.name());
  auto* asked = propose.mutable_decision();
  asked->set_kind(v1::DECISION_KIND_VARY);
  asked->set_amount_pence(10000);
  *asked->mutable_effective_date() = Day(2026, 4, 13);
  asked->set_reasons("the carers' income rose in April and was reported late");
  *asked->mutable_proposal_notice_date() = Day(2026, 4, 21);
  v1::Decision d;
  ASSERT_TRUE(stub_->ProposeDecision(Worker().get(), propose, &d).ok());
  EXPECT_EQ(d.name(), "allowances/a-1/decisions/1");
  EXPECT_EQ(d.representations_due_date().day(), 19);  // 19 May

  Today(absl::CivilDay(2026, 5, 1));
  v1::RecordRepresentationRequest represent;
  represent.set_name(d.name());
  *represent.mutable_representation()->mutable_received_date() = Day(2026, 4, 30);
  represent.mutable_representation()->set_text("the rise is temporary");
  ASSERT_TRUE(stub_->RecordRepresentation(Worker().get(), represent, &d).ok());

  v1::MakeDecisionRequest decide;
  decide.set_name(d.name());
  *decide.mutable_decision_notice_date() = Day(2026, 5, 1);
  decide.set_decision_reasons("the rise is lasting: payslips for April and May");
  v1::Decision early;
  EXPECT_EQ(FailedRuleOf(stub_->MakeDecision(As("tm-1", "team_manager").get(), decide, &early)),
            "decision.representation_period");
  EXPECT_EQ(Stored(a.name()).amount_pence(), 15000) << "a refusal changes nothing";

  Today(absl::CivilDay(2026, 5, 19));
  *decide.mutable_decision_notice_date() = Day(2026, 5, 19);
  ASSERT_TRUE(stub_->MakeDecision(As("tm-1", "team_manager").get(), decide, &d).ok());
  EXPECT_EQ(d.state(), v1::DECISION_STATE_DECIDED);
  EXPECT_EQ(d.overpayment_pence(), 10000) << "13 and 20 April went at 15000, not 10000";
  v1::Allowance varied = Stored(a.name());
  EXPECT_EQ(varied.amount_pence(), 10000);
  EXPECT_EQ(varied.overpayment_outstanding_pence(), 10000);
  EXPECT_EQ(varied.balance_pence(), 35000);

  v1::RecordRecoupmentRequest recoup;
  recoup.set_name(a.name());
  recoup.set_amount_pence(6000);
  *recoup.mutable_received_date() = Day(2026, 5, 19);
  EXPECT_EQ(FailedRuleOf(stub_->RecordRecoupment(Finance().get(), recoup, &e)),
            "overpayment.recovery_decided");
  v1::DecideRecoveryRequest recovery;
  recovery.set_name(a.name());
  recovery.set_recover(true);
  recovery.set_reasons("the authority's policy is to recoup (seed 002)");
  *recovery.mutable_notice_date() = Day(2026, 5, 19);
  ASSERT_TRUE(stub_->DecideRecovery(As("hos-1", "senior_manager").get(), recovery, &varied).ok());
  ASSERT_TRUE(stub_->RecordRecoupment(Finance().get(), recoup, &e).ok());

  v1::WriteOffOverpaymentRequest write_off;
  write_off.set_name(a.name());
  write_off.set_amount_pence(4000);
  EXPECT_EQ(
      FailedRuleOf(stub_->WriteOffOverpayment(As("hos-1", "senior_manager").get(), write_off, &e)),
      "overpayment.write_off_approver");
  ASSERT_TRUE(stub_->WriteOffOverpayment(As("hos-2", "senior_manager").get(), write_off, &e).ok());
  varied = Stored(a.name());
  EXPECT_EQ(varied.overpayment_outstanding_pence(), 0);
  const auto ledger = LedgerIn(*stub_, a.name());
  EXPECT_EQ(ledger.balance_pence(), varied.balance_pence());
  EXPECT_EQ(ledger.balance_pence(), 45000) << "what was scheduled; the overpayment settled";
  ASSERT_EQ(ledger.ledger_entries_size(), 6);
  EXPECT_EQ(ledger.ledger_entries(3).kind(), v1::LEDGER_ENTRY_KIND_OVERPAYMENT);
}

TEST_F(AllowancesServiceTest, EndingSupportOtherThanAtAStatutoryEndPointNeedsADecision) {
  const v1::Allowance a = Active();
  v1::CeaseAllowanceRequest cease;
  cease.set_name(a.name());
  cease.set_end_point(v1::END_POINT_DECISION);
  *cease.mutable_end_date() = Day(2026, 4, 30);
  v1::Allowance out;
  EXPECT_EQ(FailedRuleOf(stub_->CeaseAllowance(Finance().get(), cease, &out)),
            "end_point.decision");
  v1::ProposeDecisionRequest propose;
  propose.set_parent(a.name());
  propose.mutable_decision()->set_kind(v1::DECISION_KIND_END);
  *propose.mutable_decision()->mutable_effective_date() = Day(2026, 6, 1);
  propose.mutable_decision()->set_reasons("the child's needs are met by other support");
  *propose.mutable_decision()->mutable_proposal_notice_date() = Day(2026, 4, 1);
  v1::Decision d;
  ASSERT_TRUE(stub_->ProposeDecision(Worker().get(), propose, &d).ok());
  Today(absl::CivilDay(2026, 4, 29));
  v1::MakeDecisionRequest decide;
  decide.set_name(d.name());
  *decide.mutable_decision_notice_date() = Day(2026, 4, 29);
  decide.set_decision_reasons("no representations were made");
  ASSERT_TRUE(stub_->MakeDecision(Finance().get(), decide, &d).ok());
  const v1::Allowance ended = Stored(a.name());
  EXPECT_EQ(ended.state(), v1::ALLOWANCE_STATE_CEASED);
  EXPECT_EQ(ended.cessation().end_point(), v1::END_POINT_DECISION);
  EXPECT_EQ(ended.cessation().end_date().day(), 31);  // 31 May
  EXPECT_EQ(Exported("assure_allowances_ceased{end_point=\"decision\",tenant=\"LA1\"}"), "1");

  v1::ListDecisionsRequest list;
  list.set_parent("allowances/-");
  list.set_filter("state = DECISION_STATE_DECIDED");
  v1::ListDecisionsResponse decided;
  ASSERT_TRUE(stub_->ListDecisions(Finance().get(), list, &decided).ok());
  ASSERT_EQ(decided.decisions_size(), 1);
  EXPECT_TRUE(MessageDifferencer::Equals(decided.decisions(0), d));
}

}  // namespace
}  // namespace assure::allowances
