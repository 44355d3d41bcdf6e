#include "services/audits/selection.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace assure::audits {
namespace {

using ::testing::ElementsAre;

// `n` cases of one team, numbered from `first`, all held by `worker`.
std::vector<Candidate> Team(const std::string& team, int n, int first = 0,
                            const std::string& worker = "sw-x") {
  std::vector<Candidate> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({absl::StrCat("C-", first + i), team, "csc", worker, std::nullopt});
  }
  return out;
}

std::vector<std::string> Cases(const std::vector<Draw>& draws) {
  std::vector<std::string> out;
  for (const auto& d : draws) out.push_back(d.case_id);
  return out;
}

TEST(Selection, TheSameSeedAndRegisterGiveTheSameSampleInWhateverOrderTheRegisterIsRead) {
  auto reg = Team("north", 500);
  const auto first = DrawSample(reg, {{"iro-1", 6}, {"sm-1", 1}}, 42);
  std::reverse(reg.begin(), reg.end());
  EXPECT_EQ(Cases(DrawSample(reg, {{"iro-1", 6}, {"sm-1", 1}}, 42)), Cases(first));
  EXPECT_EQ(first.size(), 7u);
}

TEST(Selection, AnotherSeedDrawsAnotherSample) {
  const auto reg = Team("north", 500);
  EXPECT_NE(Cases(DrawSample(reg, {{"iro-1", 6}}, 42)), Cases(DrawSample(reg, {{"iro-1", 6}}, 43)));
}

TEST(Selection, ACaseAddedToTheRegisterDoesNotReshuffleTheOthers) {
  auto reg = Team("north", 300);
  const auto before = Cases(DrawSample(reg, {{"iro-1", 6}}, 7));
  reg.push_back({"C-new", "north", "csc", "sw-x", std::nullopt});
  const auto after = Cases(DrawSample(reg, {{"iro-1", 6}}, 7));
  // Either the newcomer takes one place and the rest keep their order, or nothing moves.
  std::vector<std::string> without;
  for (const auto& c : after) {
    if (c != "C-new") without.push_back(c);
  }
  EXPECT_TRUE(std::equal(without.begin(), without.end(), before.begin()));
}

TEST(Selection, CasesNeverSelectedComeBeforeThoseSelectedRecentlyAndOldestBeforeNewest) {
  auto reg = Team("north", 10, 0);
  for (auto& c : reg) c.last_selected = absl::CivilDay(2026, 11, 3);
  auto older = Team("north", 5, 100);
  for (auto& c : older) c.last_selected = absl::CivilDay(2025, 6, 1);
  auto never = Team("north", 5, 200);
  reg.insert(reg.end(), older.begin(), older.end());
  reg.insert(reg.end(), never.begin(), never.end());
  const auto draws = Cases(DrawSample(reg, {{"iro-1", 8}}, 1));
  ASSERT_EQ(draws.size(), 8u);
  std::set<std::string> first5(draws.begin(), draws.begin() + 5);
  for (const auto& c : never) EXPECT_TRUE(first5.count(c.id)) << c.id;
  for (size_t i = 5; i < 8; ++i) EXPECT_GE(draws[i], "C-100") << "older cases next";
  for (size_t i = 5; i < 8; ++i) EXPECT_LT(draws[i], "C-200");
}

TEST(Selection, TheSampleIsSharedAmongTeamsInProportionToTheirCases) {
  auto reg = Team("north", 60, 0);
  auto south = Team("south", 30, 1000);
  auto east = Team("east", 10, 2000);
  reg.insert(reg.end(), south.begin(), south.end());
  reg.insert(reg.end(), east.begin(), east.end());
  std::map<std::string, int> by_team;
  std::map<std::string, std::string> team_of;
  for (const auto& c : reg) team_of[c.id] = c.team;
  for (const auto& d : DrawSample(reg, {{"iro-1", 6}, {"iro-2", 4}}, 9)) {
    ++by_team[team_of[d.case_id]];
  }
  EXPECT_EQ(by_team["north"], 6);
  EXPECT_EQ(by_team["south"], 3);
  EXPECT_EQ(by_team["east"], 1);
}

TEST(Selection, AnAuditorIsNeverGivenACaseTheyWorkOn) {
  auto reg = Team("north", 40, 0, "iro-1");
  auto others = Team("north", 40, 100, "sw-2");
  reg.insert(reg.end(), others.begin(), others.end());
  std::map<std::string, std::string> worker_of;
  for (const auto& c : reg) worker_of[c.id] = c.worker;
  const auto draws = DrawSample(reg, {{"iro-1", 6}, {"sw-2", 6}}, 3);
  ASSERT_EQ(draws.size(), 12u);
  for (const auto& d : draws) EXPECT_NE(worker_of[d.case_id], d.auditor) << d.case_id;
}

TEST(Selection, ASmallRegisterGivesEachCaseOnceAndLeavesTheRestOfTheQuotaShort) {
  const auto draws = DrawSample(Team("north", 3), {{"iro-1", 6}, {"iro-2", 6}}, 5);
  std::set<std::string> distinct;
  for (const auto& d : draws) distinct.insert(d.case_id);
  EXPECT_EQ(draws.size(), 3u);
  EXPECT_EQ(distinct.size(), 3u);
}

TEST(Selection, AuditorsTakeTurnsOneCaseEach) {
  const auto draws = DrawSample(Team("north", 50), {{"a", 2}, {"b", 1}}, 5);
  std::vector<std::string> order;
  for (const auto& d : draws) order.push_back(d.auditor);
  EXPECT_THAT(order, ElementsAre("a", "b", "a"));
}

TEST(Apportion, SharesFollowTheLargestRemainders) {
  EXPECT_THAT(Apportion({5, 3, 2}, 4), ElementsAre(2, 1, 1));
  EXPECT_THAT(Apportion({1, 1, 1}, 2), ElementsAre(1, 1, 0));
  EXPECT_THAT(Apportion({2, 0, 7}, 20), ElementsAre(2, 0, 7));  // never more than there are
  EXPECT_THAT(Apportion({}, 5), ElementsAre());
}

}  // namespace
}  // namespace assure::audits
