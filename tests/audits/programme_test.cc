#include "services/audits/programme.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace assure::audits {
namespace {

using ::testing::ElementsAre;

const absl::CivilDay kFirst(2026, 12, 1), kLast(2026, 12, 31);
const std::vector<int> kSeed003 = {v1::COHORT_SGO_BEFORE_COURT, v1::COHORT_SGO_ASSESSMENT,
                                   v1::COHORT_SGO_CARE_PLAN, v1::COHORT_SGO_CONCLUDED};

ProgrammeCase Of(const std::string& id, int cohort, const std::string& worker = "sw-x") {
  ProgrammeCase c;
  c.candidate = {id, "north", "csc", worker, std::nullopt};
  c.cohorts = {cohort};
  c.open = absl::CivilDay(2025, 1, 1);
  return c;
}

std::vector<std::string> Cases(const ProgrammeSample& s) {
  std::vector<std::string> out;
  for (const auto& d : s.draws) out.push_back(d.draw.case_id);
  return out;
}

TEST(Programme, CasesBeforeCourtComeFirstSoonestHearingFirstThenUpcomingThenConcluded) {
  auto later = Of("C-later", v1::COHORT_SGO_BEFORE_COURT);
  later.hearing = absl::CivilDay(2027, 2, 1);
  auto sooner = Of("C-sooner", v1::COHORT_SGO_BEFORE_COURT);
  sooner.hearing = absl::CivilDay(2026, 12, 14);
  auto concluded = Of("C-made", v1::COHORT_SGO_CONCLUDED);
  concluded.order = absl::CivilDay(2026, 3, 1);
  const auto upcoming = Of("C-upcoming", v1::COHORT_SGO_ASSESSMENT);
  const auto s = DrawProgramme({concluded, upcoming, later, sooner}, kSeed003, {{"iro-1", 4}}, 9,
                               kFirst, kLast);
  EXPECT_THAT(Cases(s), ElementsAre("C-sooner", "C-later", "C-upcoming", "C-made"));
  EXPECT_THAT(s.tier_sizes, ElementsAre(2, 1, 0, 1));
  EXPECT_EQ(s.draws[3].tier, 4);
}

TEST(Programme, CompletedAssessmentsComeBeforeThoseInProgress) {
  auto done = Of("C-z-done", v1::COHORT_SGO_ASSESSMENT);
  done.assessment_complete = absl::CivilDay(2026, 11, 20);
  const auto s = DrawProgramme({Of("C-a-in-progress", v1::COHORT_SGO_ASSESSMENT), done},
                               kSeed003, {{"iro-1", 2}}, 1, kFirst, kLast);
  EXPECT_THAT(Cases(s), ElementsAre("C-z-done", "C-a-in-progress"));
}

TEST(Programme, AnOrderCountsForTheTwelveMonthsAfterItWasMadeWhetherOrNotTheCaseIsOpen) {
  auto recent = Of("C-recent", v1::COHORT_SGO_CONCLUDED);
  recent.order = absl::CivilDay(2025, 12, 1);
  recent.close = absl::CivilDay(2026, 1, 31);
  auto old = Of("C-old", v1::COHORT_SGO_CONCLUDED);
  old.order = absl::CivilDay(2025, 11, 30);
  const auto never_made = Of("C-none", v1::COHORT_SGO_CONCLUDED);
  EXPECT_EQ(TierOf(recent, kSeed003, kFirst, kLast), 4);
  EXPECT_EQ(TierOf(old, kSeed003, kFirst, kLast), 0);
  EXPECT_EQ(TierOf(never_made, kSeed003, kFirst, kLast), 0);
}

TEST(Programme, ACaseFallsInTheFirstTierItCanAndAClosedCaseInNone) {
  auto both = Of("C-both", v1::COHORT_SGO_CARE_PLAN);
  both.cohorts.push_back(v1::COHORT_SGO_BEFORE_COURT);
  EXPECT_EQ(TierOf(both, kSeed003, kFirst, kLast), 1);
  auto closed = Of("C-closed", v1::COHORT_SGO_BEFORE_COURT);
  closed.close = absl::CivilDay(2026, 11, 30);
  EXPECT_EQ(TierOf(closed, kSeed003, kFirst, kLast), 0);
  EXPECT_EQ(TierOf(Of("C-cin", v1::COHORT_CHILD_IN_NEED), kSeed003, kFirst, kLast), 0);
}

TEST(Programme, AnAuditorNeverTakesTheirOwnCaseTheNextInPriorityTakesItsPlace) {
  auto own = Of("C-own", v1::COHORT_SGO_BEFORE_COURT, "iro-1");
  own.hearing = absl::CivilDay(2026, 12, 2);
  auto next = Of("C-next", v1::COHORT_SGO_BEFORE_COURT);
  next.hearing = absl::CivilDay(2026, 12, 20);
  const auto s =
      DrawProgramme({own, next}, kSeed003, {{"iro-1", 1}, {"iro-2", 1}}, 3, kFirst, kLast);
  ASSERT_EQ(s.draws.size(), 2u);
  EXPECT_EQ(s.draws[0].draw.auditor, "iro-1");
  EXPECT_EQ(s.draws[0].draw.case_id, "C-next");
  EXPECT_EQ(s.draws[1].draw.auditor, "iro-2");
  EXPECT_EQ(s.draws[1].draw.case_id, "C-own");
}

TEST(Programme, AmongEqualsTheSeedDecidesReproduciblyAndNotAuditedRecentlyFirst) {
  std::vector<ProgrammeCase> plan;
  for (int i = 0; i < 40; ++i) plan.push_back(Of(absl::StrCat("C-", i), v1::COHORT_SGO_CARE_PLAN));
  plan[7].candidate.last_selected = absl::CivilDay(2026, 11, 1);
  const auto a = DrawProgramme(plan, kSeed003, {{"iro-1", 39}}, 5, kFirst, kLast);
  std::reverse(plan.begin(), plan.end());
  EXPECT_EQ(Cases(DrawProgramme(plan, kSeed003, {{"iro-1", 39}}, 5, kFirst, kLast)), Cases(a));
  EXPECT_NE(Cases(DrawProgramme(plan, kSeed003, {{"iro-1", 39}}, 6, kFirst, kLast)), Cases(a));
  const auto drawn = Cases(a);
  EXPECT_EQ(std::count(drawn.begin(), drawn.end(), "C-7"), 0) << "audited last month";
}

TEST(Programme, ProgressCountsTheTierAuditsSubmittedOrFurtherOn) {
  v1::Selection s;
  s.add_tiers()->set_assigned(2);
  s.add_tiers()->set_assigned(1);
  v1::Audit submitted, assigned, routine;
  submitted.set_programme_tier(1);
  submitted.set_state(v1::AUDIT_STATE_SUBMITTED);
  assigned.set_programme_tier(1);
  assigned.set_state(v1::AUDIT_STATE_ASSIGNED);
  routine.set_state(v1::AUDIT_STATE_CLOSED);
  CountTierProgress({submitted, assigned, routine}, s);
  EXPECT_EQ(s.tiers(0).done(), 1);
  EXPECT_EQ(s.tiers(1).done(), 0);
}

}  // namespace
}  // namespace assure::audits
