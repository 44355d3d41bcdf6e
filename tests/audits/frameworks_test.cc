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

TEST(Scorecard, EachAuditorsQuotaAgainstWhatTheyDidShortfallsLargestFirstAndSummedByGroup) {
  google::type::Date month;
  month.set_year(2026);
  month.set_month(12);
  v1::Selection s;
  auto* a = s.add_auditors();
  a->set_auditor("iro-1");
  a->set_role("iro");
  a->set_team("north");
  a->set_quota(6);
  auto* c = s.add_auditors();
  c->set_auditor("iro-2");
  c->set_role("iro");
  c->set_team("north");
  c->set_quota(1);
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
  for (int i = 0; i < 3; ++i) {  // iro-2 did 3 against 1: it makes up nobody else's
    v1::Audit z;
    z.set_auditor("iro-2");
    z.set_state(v1::AUDIT_STATE_MODERATED);
    audits.push_back(z);
  }
  const auto card = Scorecard(month, {s}, audits, absl::CivilDay(2026, 12, 31));
  EXPECT_FALSE(card.month_ended());
  EXPECT_TRUE(Scorecard(month, {s}, audits, absl::CivilDay(2027, 1, 1)).month_ended());
  EXPECT_EQ(card.quota(), 8);
  EXPECT_EQ(card.done(), 5);
  EXPECT_EQ(card.shortfall(), 5);
  ASSERT_EQ(card.roles_size(), 2);
  EXPECT_EQ(card.roles(0).key(), "iro");
  EXPECT_EQ(card.roles(0).auditors(), 2);
  EXPECT_EQ(card.roles(0).quota(), 7);
  EXPECT_EQ(card.roles(0).done(), 4);
  EXPECT_EQ(card.roles(0).shortfall(), 5);  // not 7 - 4 = 3
  ASSERT_EQ(card.teams_size(), 2);
  EXPECT_EQ(card.teams(0).key(), "");  // sm-1 has no team given
  EXPECT_EQ(card.teams(1).key(), "north");
  EXPECT_EQ(card.teams(1).shortfall(), 5);
  int by_service = 0;
  for (const auto& g : card.services()) by_service += g.shortfall();
  EXPECT_EQ(by_service, card.shortfall());
  ASSERT_EQ(card.shortfalls_size(), 1);
  EXPECT_EQ(card.shortfalls(0).auditor(), "iro-1");  // seed 002: 1 done against 6
  EXPECT_EQ(card.shortfalls(0).done(), 1);
  EXPECT_EQ(card.shortfalls(0).assigned(), 6);
}

}  // namespace
}  // namespace assure::audits
