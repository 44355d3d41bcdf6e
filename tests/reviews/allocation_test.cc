#include "services/reviews/allocation.h"

#include "gtest/gtest.h"

namespace assure::reviews {
namespace {

AllocationFacts ActiveLacIro() {
  AllocationFacts f;
  f.iro_id = "iro-1";
  f.iro_active = true;
  f.iro_chairs_lac = true;
  f.child_looked_after = true;
  return f;
}

TEST(CheckAllocation, AnActiveIroChairingReviewsCanBeAllocated) {
  const auto d = CheckAllocation(ActiveLacIro(), "");
  EXPECT_TRUE(d.refusal.ok());
  EXPECT_TRUE(d.warnings.empty());
}

TEST(CheckAllocation, ALeaverIsRefused) {
  AllocationFacts f = ActiveLacIro();
  f.iro_active = false;
  EXPECT_EQ(CheckAllocation(f, "").refusal.code(), absl::StatusCode::kFailedPrecondition);
}

TEST(CheckAllocation, AnIroWorkingOnTheCaseIsRefusedEvenWithAReason) {
  AllocationFacts f = ActiveLacIro();
  f.staff.case_worker_ids = {"iro-1"};
  const auto d = CheckAllocation(f, "no one else available");
  EXPECT_NE(d.refusal.message().find("allocation.iro_independence"), std::string::npos);
}

TEST(CheckAllocation, AnIroWhoLineManagesStaffOnTheCaseIsRefusedEvenWithAReason) {
  AllocationFacts f = ActiveLacIro();
  f.staff.case_worker_ids = {"sw-1"};
  f.staff.line_manager_ids = {"tm-1", "iro-1"};
  const auto d = CheckAllocation(f, "no one else available");
  EXPECT_NE(d.refusal.message().find("allocation.iro_independence"), std::string::npos);
  EXPECT_NE(d.refusal.message().find("line-manages"), std::string::npos);
}

TEST(CheckAllocation, PassingTheCaseloadBenchmarkNeedsAReason) {
  AllocationFacts f = ActiveLacIro();
  f.caseload_benchmark_high = 70;
  f.iro_fte_hundredths = 50;  // half time: 35 children is the benchmark's 70 per FTE
  f.iro_caseload = 34;
  EXPECT_TRUE(CheckAllocation(f, "").refusal.ok());
  f.iro_caseload = 35;
  const auto refused = CheckAllocation(f, "");
  EXPECT_NE(refused.refusal.message().find("allocation.caseload_benchmark"), std::string::npos);
  EXPECT_NE(refused.refusal.message().find("72 children per full-time IRO"), std::string::npos);
  const auto overridden = CheckAllocation(f, "sibling of a child already with this IRO");
  EXPECT_TRUE(overridden.refusal.ok());
  EXPECT_EQ(overridden.warnings.size(), 1u);
}

TEST(CheckAllocation, SplittingSiblingsNeedsAReason) {
  AllocationFacts f = ActiveLacIro();
  f.sibling_iros = {"iro-2"};
  EXPECT_NE(CheckAllocation(f, "").refusal.message().find("same_iro_for_siblings"),
            std::string::npos);
  const auto overridden = CheckAllocation(f, "sibling placed far away");
  EXPECT_TRUE(overridden.refusal.ok());
  EXPECT_EQ(overridden.warnings.size(), 1u);
}

TEST(CheckAllocation, TheChildProtectionChairStaysWhenTheChildBecomesLookedAfter) {
  AllocationFacts f = ActiveLacIro();
  f.cp_chair = "iro-9";
  EXPECT_NE(CheckAllocation(f, "").refusal.message().find("cp_to_lac_continuity"),
            std::string::npos);
  f.iro_id = "iro-9";
  EXPECT_TRUE(CheckAllocation(f, "").refusal.ok());
}

TEST(MeasureNotificationDelay, CountsWorkingDaysAgainstTheFiveDayTarget) {
  const WorkingDays cal = *WorkingDays::EnglandAndWales();
  const auto on_time = MeasureNotificationDelay(absl::CivilDay(2026, 3, 2),
                                                absl::CivilDay(2026, 3, 9), cal, 5);
  EXPECT_EQ(on_time.working_days, 5);
  EXPECT_TRUE(on_time.within_target);
  const auto late = MeasureNotificationDelay(absl::CivilDay(2026, 3, 2),
                                             absl::CivilDay(2026, 3, 10), cal, 5);
  EXPECT_FALSE(late.within_target);
}

}  // namespace
}  // namespace assure::reviews
