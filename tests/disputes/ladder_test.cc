#include "services/disputes/ladder.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/disputes/dispute_builders.h"

namespace assure::disputes {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

TEST(LadderTest, TheDefaultLadderIsTheSeedsFiveStagesWithinTwentyWorkingDays) {
  v1::DisputeSettings s = DefaultSettings();
  ASSERT_TRUE(ValidateSettings(s).ok());
  std::vector<std::string> roles;
  for (const auto& stage : s.stages()) roles.push_back(stage.role());
  EXPECT_THAT(roles, ElementsAre("team_manager", "service_manager", "head_of_service", "director",
                                 "chief_executive"));
  EXPECT_EQ(s.formal_total_working_days(), 20);
  EXPECT_FALSE(s.auto_escalate());
  EXPECT_TRUE(HasTheme(s, "permanent_placement_delay"));
  EXPECT_TRUE(HasTheme(s, "placement_legal_status"));
}

TEST(LadderTest, StagesAddingUpToMoreThanTwentyWorkingDaysNeedARecordedDeparture) {
  v1::DisputeSettings s = DefaultSettings();
  s.mutable_stages(0)->set_limit_working_days(10);
  EXPECT_THAT(FieldsOf(ValidateSettings(s)), ElementsAre("settings.stages"));
  s.set_departure_reason("Chief Executive sits monthly; agreed by Corporate Parenting Board");
  ASSERT_TRUE(ValidateSettings(s).ok());
  EXPECT_EQ(s.formal_total_working_days(), 25);
}

TEST(LadderTest, EveryBadFieldIsNamedAtOnce) {
  v1::DisputeSettings s = DefaultSettings();
  s.set_informal_limit_working_days(0);
  s.mutable_stages(1)->set_role("Service Manager");
  s.mutable_stages(2)->set_title("");
  s.mutable_themes(1)->set_code("other");
  const auto fields = FieldsOf(ValidateSettings(s));
  EXPECT_THAT(fields, Contains("settings.informal_limit_working_days"));
  EXPECT_THAT(fields, Contains("settings.stages[1].role"));
  EXPECT_THAT(fields, Contains("settings.stages[2].title"));
  EXPECT_THAT(fields, Contains("settings.themes[4].code"));
}

TEST(LadderTest, StagesAreNumberedFromOneInTheOrderConfiguredAndZeroIsInformal) {
  v1::DisputeSettings s = DefaultSettings();
  s.mutable_stages()->DeleteSubrange(1, 3);  // team manager, then chief executive
  ASSERT_TRUE(ValidateSettings(s).ok());
  EXPECT_EQ(StageAt(s, 2)->role(), "chief_executive");
  EXPECT_EQ(StageAt(s, 0)->role(), "informal");
  EXPECT_FALSE(StageAt(s, 3).has_value());
  EXPECT_EQ(TopLevel(s), 2);
}

}  // namespace
}  // namespace assure::disputes
