#include "services/allowances/decisions.h"

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/allowances/ledger.h"
#include "services/allowances/overpayments.h"
#include "services/common/errors.h"
#include "tests/allowances/allowance_fixture.h"
#include "tests/support/call_context.h"

namespace assure::allowances {
namespace {

using assure::testing::BadFields;
using google::protobuf::util::MessageDifferencer;

const absl::Time kAt =
    absl::FromCivil(absl::CivilSecond(2026, 5, 1, 10, 0, 0), absl::UTCTimeZone());

Actor Person(const std::string& subject, std::vector<std::string> roles = {"team_manager"}) {
  return {subject, std::move(roles), kAt};
}

v1::Allowance Paying() {
  v1::Allowance a = AnApproved();
  a.set_state(v1::ALLOWANCE_STATE_ACTIVE);
  return a;
}

// Instalments of 15000 scheduled weekly from 6 April 2026.
std::vector<v1::LedgerEntry> Weekly(int n) {
  std::vector<v1::LedgerEntry> out;
  for (int i = 0; i < n; ++i) {
    v1::LedgerEntry e;
    e.set_kind(v1::LEDGER_ENTRY_KIND_SCHEDULED);
    e.set_amount_pence(15000);
    *e.mutable_due_date() = ToProto(absl::CivilDay(2026, 4, 6) + 7 * i);
    out.push_back(e);
  }
  return out;
}

v1::Decision Proposed(v1::DecisionKind kind, int64_t pence, absl::CivilDay effective,
                      absl::CivilDay noticed = absl::CivilDay(2026, 4, 21)) {
  v1::Decision asked;
  asked.set_kind(kind);
  asked.set_amount_pence(pence);
  *asked.mutable_effective_date() = ToProto(effective);
  asked.set_reasons("annual review");
  *asked.mutable_proposal_notice_date() = ToProto(noticed);
  auto d = Propose(asked, Paying(), 28, Person("sw-1", {"social_worker"}), noticed);
  EXPECT_TRUE(d.ok()) << d.status();
  return *d;
}

std::string RuleOf(const absl::Status& st) {
  return st.ok() ? "" : std::string(st.message().substr(0, st.message().find(':')));
}

TEST(Decisions, AProposalNeedsReasonsAKindAndDatesAndWaits28DaysForRepresentations) {
  v1::Decision asked;
  const auto bad = Propose(asked, Paying(), 28, Person("sw-1"), absl::CivilDay(2026, 5, 1));
  EXPECT_EQ(BadFields(ToGrpcStatus(bad.status())),
            (std::vector<std::string>{"decision.kind", "decision.effective_date",
                                      "decision.proposal_notice_date", "decision.reasons"}));
  const v1::Decision d = Proposed(v1::DECISION_KIND_VARY, 10000, absl::CivilDay(2026, 5, 25));
  EXPECT_EQ(d.state(), v1::DECISION_STATE_PROPOSED);
  EXPECT_EQ(*FromProto(d.representations_due_date()).day, absl::CivilDay(2026, 5, 19));
}

TEST(Decisions, AReductionWaitsForTheRepresentationsAndIsNotDecidedByItsProposer) {
  v1::Decision d = Proposed(v1::DECISION_KIND_VARY, 10000, absl::CivilDay(2026, 5, 25));
  v1::Allowance a = Paying();
  const v1::Allowance before = a;
  const DecisionNotice early{absl::CivilDay(2026, 5, 18), "reasons", ""};
  EXPECT_EQ(RuleOf(Decide(d, a, DefaultSettings(), {}, early, Person("tm-1"),
                          absl::CivilDay(2026, 5, 18))),
            "decision.representation_period");
  const DecisionNotice due{absl::CivilDay(2026, 5, 19), "reasons", ""};
  EXPECT_EQ(
      RuleOf(Decide(d, a, DefaultSettings(), {}, due, Person("sw-1"), absl::CivilDay(2026, 5, 19))),
      "decision.not_the_proposer");
  EXPECT_TRUE(MessageDifferencer::Equals(a, before));
  ASSERT_TRUE(
      Decide(d, a, DefaultSettings(), {}, due, Person("tm-1"), absl::CivilDay(2026, 5, 19)).ok());
  EXPECT_EQ(a.amount_pence(), 10000);
  EXPECT_EQ(d.state(), v1::DECISION_STATE_DECIDED);
  EXPECT_EQ(d.overpayment_pence(), 0) << "a lower amount from now on is not an overpayment";
}

TEST(Decisions, AnIncreaseNeedNotWaitButStaysWithinTheAssessment) {
  v1::Decision d = Proposed(v1::DECISION_KIND_VARY, 16000, absl::CivilDay(2026, 5, 1));
  v1::Allowance a = Paying();
  const DecisionNotice now{absl::CivilDay(2026, 4, 22), "needs grew", ""};
  EXPECT_EQ(
      RuleOf(Decide(d, a, DefaultSettings(), {}, now, Person("tm-1"), absl::CivilDay(2026, 4, 22))),
      "gate.within_assessment");
  a.mutable_assessment()->set_weekly_award_pence(16000);
  EXPECT_TRUE(
      Decide(d, a, DefaultSettings(), {}, now, Person("tm-1"), absl::CivilDay(2026, 4, 22)).ok());
}

TEST(Decisions, ADearerAllowanceTakesTheNewApprovalFromTheDeciderInARoleTheyHold) {
  v1::AllowanceSettings s = DefaultSettings();
  s.mutable_approval_levels(1)->set_min_annual_cost_pence(1'000'000);
  v1::Allowance a = Paying();
  a.mutable_approvals()->RemoveLast();
  a.mutable_assessment()->set_weekly_award_pence(20000);
  v1::Decision d = Proposed(v1::DECISION_KIND_VARY, 20000, absl::CivilDay(2026, 5, 1));
  const DecisionNotice now{absl::CivilDay(2026, 4, 22), "needs grew", ""};
  EXPECT_EQ(RuleOf(Decide(d, a, s, {}, now, Person("tm-1"), absl::CivilDay(2026, 4, 22))),
            "gate.approvals");
  ASSERT_TRUE(
      Decide(d, a, s, {}, now, Person("hos-1", {"senior_manager"}), absl::CivilDay(2026, 4, 22))
          .ok());
  EXPECT_EQ(a.approvals(a.approvals_size() - 1).approver(), "hos-1");
}

TEST(Decisions, ABackDatedReductionFindsTheOverpaymentOnInstalmentsAlreadyScheduled) {
  // Reduced to 10000 from 20 April; instalments of 20 and 27 April went at 15000.
  v1::Decision d = Proposed(v1::DECISION_KIND_VARY, 10000, absl::CivilDay(2026, 4, 20));
  v1::Allowance a = Paying();
  const DecisionNotice due{absl::CivilDay(2026, 5, 19), "a change not reported", ""};
  ASSERT_TRUE(
      Decide(d, a, DefaultSettings(), Weekly(4), due, Person("tm-1"), absl::CivilDay(2026, 5, 19))
          .ok());
  EXPECT_EQ(d.overpayment_pence(), 10000);
}

TEST(Decisions, EndingSupportCeasesItTheDayBeforeAndFindsWhatWasPaidBeyond) {
  v1::Decision d = Proposed(v1::DECISION_KIND_END, 0, absl::CivilDay(2026, 4, 27));
  v1::Allowance a = Paying();
  const DecisionNotice due{absl::CivilDay(2026, 5, 19), "no longer needed", ""};
  ASSERT_TRUE(
      Decide(d, a, DefaultSettings(), Weekly(4), due, Person("tm-1"), absl::CivilDay(2026, 5, 19))
          .ok());
  EXPECT_EQ(a.state(), v1::ALLOWANCE_STATE_CEASED);
  EXPECT_EQ(a.cessation().end_point(), v1::END_POINT_DECISION);
  EXPECT_EQ(*FromProto(a.cessation().end_date()).day, absl::CivilDay(2026, 4, 26));
  EXPECT_EQ(d.overpayment_pence(), 15000);
}

TEST(Overpayments, RecoupedOnlyOnceRecoveryIsDecidedAndNeverBeyondWhatIsOwed) {
  v1::Allowance a = Paying();
  const v1::LedgerEntry found = Overpayment(a, 10000, absl::CivilDay(2026, 5, 19));
  EXPECT_EQ(found.amount_pence(), -10000);
  EXPECT_EQ(RuleOf(Recoup(a, 5000, absl::CivilDay(2026, 6, 1)).status()),
            "overpayment.recovery_decided");
  ASSERT_TRUE(DecideRecovery(a, true, "policy is to recoup", absl::CivilDay(2026, 5, 20),
                             Person("tm-1"), absl::CivilDay(2026, 5, 20))
                  .ok());
  EXPECT_EQ(RuleOf(Recoup(a, 10001, absl::CivilDay(2026, 6, 1)).status()),
            "overpayment.more_than_owed");
  auto back = Recoup(a, 6000, absl::CivilDay(2026, 6, 1));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->amount_pence(), 6000);
  EXPECT_EQ(a.overpayment_outstanding_pence(), 4000);
  EXPECT_EQ(RuleOf(WriteOff(a, 4000, Person("tm-1"), absl::CivilDay(2026, 6, 2)).status()),
            "overpayment.write_off_approver");
  auto off = WriteOff(a, 4000, Person("hos-1", {"senior_manager"}), absl::CivilDay(2026, 6, 2));
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(a.overpayment_outstanding_pence(), 0);
  EXPECT_EQ(Balance({found, *back, *off}), 0) << "tracked to zero";
}

}  // namespace
}  // namespace assure::allowances
