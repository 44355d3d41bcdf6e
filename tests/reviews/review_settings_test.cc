// The rules an authority's review settings keep, without a server or database.
#include "services/reviews/review_settings.h"

#include <functional>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace assure::reviews {
namespace {

using ::testing::HasSubstr;

TEST(ReviewSettings, TheDefaultsFollowTheGuidanceAndTheSeeds) {
  const v1::ReviewSettings d = DefaultReviewSettings();
  EXPECT_TRUE(ValidateReviewSettings(d).ok());
  const Settings s = SettingsOf(d);
  EXPECT_EQ(s.schedule.cp_anchor, CpAnchor::kFirstDiscussion);
  EXPECT_EQ(s.two_part_counts, TwoPartCounts::kFirstPart);
  EXPECT_EQ(s.participating_codes, (std::set<int>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(s.participation_target_per_mille, 950);
  EXPECT_EQ(s.iro_notification_target_working_days, 5);
  EXPECT_EQ(s.caseload_benchmark_low, 50);
  EXPECT_EQ(s.caseload_benchmark_high, 70);
}

TEST(ReviewSettings, DepartingFromTheHandbookNeedsARecordedReason) {
  v1::ReviewSettings s = DefaultReviewSettings();
  s.set_iro_notification_target_working_days(10);
  const absl::Status refused = ValidateReviewSettings(s);
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.message(), HasSubstr("settings.iro_notification_target_working_days"));
  EXPECT_THAT(refused.message(), HasSubstr("departure_reason"));
  s.set_departure_reason("Agency IROs are appointed through a framework taking 10 days");
  EXPECT_TRUE(ValidateReviewSettings(s).ok());

  v1::ReviewSettings caseload = DefaultReviewSettings();
  caseload.set_caseload_benchmark_high(80);
  EXPECT_THAT(ValidateReviewSettings(caseload).message(),
              HasSubstr("settings.caseload_benchmark_low"));
}

TEST(ReviewSettings, LocalChoicesNeedNoReasonButMustBeInRange) {
  v1::ReviewSettings s = DefaultReviewSettings();
  s.set_cp_anchor(v1::CP_ANCHOR_LAST_DISCUSSION);
  s.set_two_part_counts(v1::TWO_PART_COUNTS_SECOND_PART);
  s.clear_participating_codes();
  for (int code : {1, 2, 3, 5, 6}) s.add_participating_codes(code);
  EXPECT_TRUE(ValidateReviewSettings(s).ok());
  EXPECT_EQ(SettingsOf(s).schedule.cp_anchor, CpAnchor::kLastDiscussion);
  EXPECT_EQ(SettingsOf(s).participating_codes, (std::set<int>{1, 2, 3, 5, 6}));

  // Each fault is named by its field and rule.
  const auto fault = [](const std::function<void(v1::ReviewSettings&)>& change) {
    v1::ReviewSettings bad = DefaultReviewSettings();
    change(bad);
    return std::string(ValidateReviewSettings(bad).message());
  };
  EXPECT_THAT(fault([](auto& b) { b.add_participating_codes(0); }),
              HasSubstr("settings.participating_codes: takes SSDA903 PN codes 1-7 (PN0 never counts)"));
  EXPECT_THAT(fault([](auto& b) { b.add_participating_codes(3); }), HasSubstr("lists PN3 twice"));
  EXPECT_THAT(fault([](auto& b) { b.set_participation_target_per_mille(1200); }),
              HasSubstr("settings.participation_target_per_mille: must be 1 to 1000"));
  EXPECT_THAT(fault([](auto& b) { b.set_cp_anchor(v1::CP_ANCHOR_UNSPECIFIED); }),
              HasSubstr("settings.cp_anchor"));
  EXPECT_THAT(fault([](auto& b) { b.set_caseload_benchmark_low(90); }),
              HasSubstr("settings.caseload_benchmark_high: must not be below"));
}

}  // namespace
}  // namespace assure::reviews
