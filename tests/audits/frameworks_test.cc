#include "services/audits/frameworks.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/audits/scorecard.h"
#include "services/common/errors.h"
#include "tests/support/call_context.h"

namespace assure::audits {
namespace {

using ::testing::UnorderedElementsAre;

v1::QuotaRule Rule(const std::string& role, int per_head, const std::string& team = "",
                   const std::string& service = "") {
  v1::QuotaRule r;
  r.set_role(role);
  r.set_per_head(per_head);
  r.set_team(team);
  r.set_service(service);
  return r;
}

TEST(Frameworks, TheDefaultAsksSixOfEachIroAndOneOfEachSeniorManager) {
  const auto f = DefaultFramework();
  EXPECT_EQ(QuotaFor(f, "iro", "iro-team", "csc"), 6);
  EXPECT_EQ(QuotaFor(f, "senior_manager", "", ""), 1);
  EXPECT_EQ(QuotaFor(f, "social_worker", "", ""), std::nullopt);
  EXPECT_TRUE(CheckFramework(f).ok());
}

TEST(Frameworks, TheMostSpecificRuleWins) {
  v1::AuditFramework f;
  *f.add_quotas() = Rule("team_manager", 2);
  *f.add_quotas() = Rule("team_manager", 3, "", "early-help");
  *f.add_quotas() = Rule("team_manager", 4, "north");
  *f.add_quotas() = Rule("team_manager", 5, "north", "early-help");
  EXPECT_EQ(QuotaFor(f, "team_manager", "south", "csc"), 2);
  EXPECT_EQ(QuotaFor(f, "team_manager", "south", "early-help"), 3);
  EXPECT_EQ(QuotaFor(f, "team_manager", "north", "csc"), 4);
  EXPECT_EQ(QuotaFor(f, "team_manager", "north", "early-help"), 5);
}

TEST(Frameworks, ABadFrameworkNamesEachFault) {
  v1::AuditFramework f;
  f.mutable_effective_month()->set_year(2027);
  f.mutable_effective_month()->set_month(1);
  *f.add_quotas() = Rule("iro", 0);
  *f.add_quotas() = Rule("iro", 6);
  *f.add_quotas() = Rule("", 1);
  EXPECT_THAT(testing::BadFields(ToGrpcStatus(CheckFramework(f))),
              UnorderedElementsAre("framework.quotas[0].per_head", "framework.quotas[1]",
                                   "framework.quotas[2].role"));
}

TEST(Scorecard, EachAuditorsQuotaAgainstWhatTheyDidWithTheShortfallsLargestFirst) {
  google::type::Date month;
  month.set_year(2026);
  month.set_month(12);
  v1::Selection s;
  auto* a = s.add_auditors();
  a->set_auditor("iro-1");
  a->set_role("iro");
  a->set_quota(6);
  auto* b = s.add_auditors();
  b->set_auditor("sm-1");
  b->set_role("senior_manager");
  b->set_quota(1);
  std::vector<v1::Audit> audits;
  for (int i = 0; i < 6; ++i) {
    v1::Audit x;
    x.set_auditor("iro-1");
    x.set_state(i == 0 ? v1::AUDIT_STATE_CLOSED : v1::AUDIT_STATE_ASSIGNED);
    audits.push_back(x);
  }
  v1::Audit y;
  y.set_auditor("sm-1");
  y.set_state(v1::AUDIT_STATE_SUBMITTED);
  audits.push_back(y);
  const auto card = Scorecard(month, {s}, audits);
  EXPECT_EQ(card.quota(), 7);
  EXPECT_EQ(card.done(), 2);
  EXPECT_EQ(card.shortfall(), 5);
  ASSERT_EQ(card.shortfalls_size(), 1);
  EXPECT_EQ(card.shortfalls(0).auditor(), "iro-1");  // seed 002: 1 done against 6
  EXPECT_EQ(card.shortfalls(0).done(), 1);
  EXPECT_EQ(card.shortfalls(0).assigned(), 6);
}

}  // namespace
}  // namespace assure::audits
