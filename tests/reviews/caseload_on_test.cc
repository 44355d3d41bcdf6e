#include "services/reviews/caseload_on.h"

#include "gtest/gtest.h"

namespace assure::reviews {
namespace {

using absl::CivilDay;

TEST(IroOn, TheLastAllocationDatedOnOrBeforeTheDay) {
  const std::vector<AllocationOn> history = {{CivilDay(2026, 5, 1), "iros/a"},
                                             {CivilDay(2026, 9, 1), "iros/b"},
                                             {CivilDay(2027, 5, 1), "iros/c"}};
  EXPECT_FALSE(IroOn(history, CivilDay(2026, 4, 30)).has_value());
  EXPECT_EQ(*IroOn(history, CivilDay(2026, 5, 1)), "iros/a");
  EXPECT_EQ(*IroOn(history, CivilDay(2027, 3, 31)), "iros/b");
}

TEST(IroOn, ABackdatedAllocationRecordedLaterDoesNotOverrideALaterDatedOne) {
  const std::vector<AllocationOn> history = {{CivilDay(2026, 9, 1), "iros/b"},
                                             {CivilDay(2026, 6, 1), "iros/a"},
                                             {CivilDay(2026, 9, 1), "iros/c"}};
  // Same day: the later recorded wins; an earlier-dated one recorded after does not.
  EXPECT_EQ(*IroOn(history, CivilDay(2026, 12, 1)), "iros/c");
  EXPECT_EQ(*IroOn(history, CivilDay(2026, 7, 1)), "iros/a");
}

TEST(CaseloadsOn, LookedAfterFirstThenOnAPlanAndUnallocatedNowhere) {
  const std::vector<ChildOnDay> children = {{"iros/a", true, true},
                                            {"iros/a", false, true},
                                            {"iros/b", false, false},
                                            {std::nullopt, true, false}};
  const auto c = CaseloadsOn(children);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c.at("iros/a").lac, 1);
  EXPECT_EQ(c.at("iros/a").cp, 1);
}

}  // namespace
}  // namespace assure::reviews
