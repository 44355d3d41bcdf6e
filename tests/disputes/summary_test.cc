#include "services/disputes/summary.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/disputes/dispute_builders.h"

namespace assure::disputes {
namespace {

class SummaryTest : public ::testing::Test {
 protected:
  v1::Dispute RaisedOn(const std::string& id, absl::Time at, int level = 0, bool starred = false,
                       const std::string& theme = "permanent_placement_delay") {
    v1::Dispute d = NewDispute(id, level, theme);
    d.set_starred(starred);
    EXPECT_TRUE(Raise(d, settings_, cal_, By("iro-1", at)).ok());
    return d;
  }
  int CountOf(const google::protobuf::RepeatedPtrField<v1::Count>& counts, const std::string& key) {
    for (const auto& c : counts) {
      if (c.key() == key) return c.count();
    }
    return 0;
  }

  WorkingDays cal_ = *WorkingDays::EnglandAndWales();
  v1::DisputeSettings settings_ = DefaultSettings();
  const Period q3_{absl::CivilDay(2026, 10, 1), absl::CivilDay(2026, 12, 31)};
};

TEST_F(SummaryTest, FiscalQuartersStartInApril) {
  const Period q1 = *FiscalQuarter(2026, 1);
  EXPECT_EQ(q1.start, absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(q1.end, absl::CivilDay(2026, 6, 30));
  const Period q4 = *FiscalQuarter(2026, 4);
  EXPECT_EQ(q4.start, absl::CivilDay(2027, 1, 1));
  EXPECT_EQ(q4.end, absl::CivilDay(2027, 3, 31));
  EXPECT_THAT(FieldsOf(FiscalQuarter(2026, 5).status()), ::testing::ElementsAre("quarter"));
}

TEST_F(SummaryTest, CountsAreAsTheDisputesStoodAtTheEndOfThePeriod) {
  // Raised in September, escalated to head of service in October, resolved in January.
  v1::Dispute a = RaisedOn("a", At(2026, 9, 14), 1);
  ASSERT_TRUE(Escalate(a, settings_, cal_, 3, "officer-1", By("iro-1", At(2026, 10, 5))).ok());
  ASSERT_TRUE(Resolve(a, v1::OUTCOME_ACTION_AGREED, By("iro-1", At(2027, 1, 6))).ok());
  // Raised and resolved in the quarter.
  v1::Dispute b = RaisedOn("b", At(2026, 11, 2), 1, true, "social_worker_changes");
  ASSERT_TRUE(Resolve(b, v1::OUTCOME_COMPROMISE_AGREED, By("iro-1", At(2026, 11, 20))).ok());
  // Closed before the quarter: not counted.
  v1::Dispute c = RaisedOn("c", At(2026, 7, 1));
  ASSERT_TRUE(Withdraw(c, By("iro-1", At(2026, 7, 2))).ok());
  // Raised after it: not counted.
  v1::Dispute d = RaisedOn("d", At(2027, 1, 4));

  const auto s = Summarize({a, b, c, d}, q3_, At(2027, 2, 1), cal_);
  EXPECT_EQ(s.active(), 2);
  EXPECT_EQ(s.raised(), 1);
  EXPECT_EQ(s.raised_starred(), 1);
  EXPECT_EQ(s.resolved(), 1);
  EXPECT_EQ(s.open_at_end(), 1);
  EXPECT_EQ(CountOf(s.open_by_stage(), "3 head_of_service"), 1);
  // Head of service: 4 working days from Monday 5 October; open past it at the end.
  EXPECT_EQ(s.overdue_at_end(), 1);
  EXPECT_EQ(CountOf(s.raised_by_theme(), "social_worker_changes"), 1);
  EXPECT_EQ(CountOf(s.resolved_by_outcome(), "OUTCOME_COMPROMISE_AGREED"), 1);
  EXPECT_EQ(CountOf(s.entered_stage(), "1 team_manager"), 1);
  EXPECT_EQ(CountOf(s.entered_stage(), "3 head_of_service"), 1);
  EXPECT_EQ(s.resolved_formally(), 1);
  EXPECT_EQ(s.resolved_within_20_working_days(), 1);
  EXPECT_EQ(s.median_formal_working_days(), 14);
}

TEST_F(SummaryTest, EscalationsToTheDirectorOrChiefExecutiveAndCafcassReferralsAreCounted) {
  v1::Dispute a = RaisedOn("a", At(2026, 10, 5), 1);
  ASSERT_TRUE(Escalate(a, settings_, cal_, 4, "officer-1", By("iro-1", At(2026, 10, 12))).ok());
  ASSERT_TRUE(Escalate(a, settings_, cal_, 5, "officer-1", By("iro-1", At(2026, 10, 19))).ok());
  ASSERT_TRUE(ReferToCafcass(a, By("iro-1", At(2026, 10, 20))).ok());
  const auto s = Summarize({a}, q3_, At(2027, 2, 1), cal_);
  EXPECT_EQ(s.escalated_to_director_or_chief_executive(), 1);
  EXPECT_EQ(s.referred_to_cafcass(), 1);
}

TEST_F(SummaryTest, ResolutionTakingLongerThanTwentyWorkingDaysIsReportedAgainstTheGuidance) {
  v1::Dispute a = RaisedOn("a", At(2026, 10, 5), 1);
  ASSERT_TRUE(Resolve(a, v1::OUTCOME_ACTION_AGREED, By("iro-1", At(2026, 11, 30))).ok());
  v1::Dispute informal = RaisedOn("i", At(2026, 10, 5), 0);
  ASSERT_TRUE(Resolve(informal, v1::OUTCOME_ACTION_AGREED, By("iro-1", At(2026, 10, 6))).ok());
  const auto s = Summarize({a, informal}, q3_, At(2027, 2, 1), cal_);
  EXPECT_EQ(s.resolved(), 2);
  EXPECT_EQ(s.resolved_formally(), 1);
  EXPECT_EQ(s.resolved_within_20_working_days(), 0);
}

TEST_F(SummaryTest, StarredRecommendationsShowTheirProgressAtTheEndOfThePeriod) {
  v1::Dispute a = RaisedOn("a", At(2026, 11, 2), 2, true);
  v1::Dispute b = RaisedOn("b", At(2026, 11, 2), 1, false);
  const auto starred = StarredRecommendations({a, b}, q3_, At(2026, 11, 30));
  ASSERT_EQ(starred.size(), 1u);
  EXPECT_EQ(starred[0].dispute(), "disputes/a");
  EXPECT_EQ(starred[0].state(), v1::DISPUTE_STATE_OPEN);
  EXPECT_EQ(starred[0].stage_role(), "service_manager");
  EXPECT_TRUE(starred[0].overdue());
}

TEST_F(SummaryTest, LookedAfterAndChildProtectionCasesAreCountedApart) {
  v1::Dispute lac = RaisedOn("a", At(2026, 10, 5), 1);
  lac.set_case_type(v1::CASE_TYPE_LOOKED_AFTER);
  v1::Dispute cp = RaisedOn("b", At(2026, 10, 6), 1);
  cp.set_case_type(v1::CASE_TYPE_CHILD_PROTECTION);
  v1::Dispute cp_resolved = RaisedOn("c", At(2026, 10, 7), 1);
  cp_resolved.set_case_type(v1::CASE_TYPE_CHILD_PROTECTION);
  ASSERT_TRUE(Resolve(cp_resolved, v1::OUTCOME_ACTION_AGREED, By("iro-1", At(2026, 10, 9))).ok());
  v1::Dispute unrecorded = RaisedOn("d", At(2026, 10, 8), 1);

  const auto s = Summarize({lac, cp, cp_resolved, unrecorded}, q3_, At(2027, 2, 1), cal_);
  auto counts = [](const auto& field) {
    std::map<std::string, int> out;
    for (const auto& c : field) out[c.key()] = c.count();
    return out;
  };
  EXPECT_EQ(counts(s.raised_by_case_type()),
            (std::map<std::string, int>{{"CASE_TYPE_CHILD_PROTECTION", 2},
                                        {"CASE_TYPE_LOOKED_AFTER", 1},
                                        {"CASE_TYPE_UNSPECIFIED", 1}}));
  EXPECT_EQ(counts(s.open_at_end_by_case_type()),
            (std::map<std::string, int>{{"CASE_TYPE_CHILD_PROTECTION", 1},
                                        {"CASE_TYPE_LOOKED_AFTER", 1},
                                        {"CASE_TYPE_UNSPECIFIED", 1}}));
}

}  // namespace
}  // namespace assure::disputes
