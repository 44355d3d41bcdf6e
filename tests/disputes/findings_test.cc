#include "services/disputes/findings.h"

#include "gtest/gtest.h"
#include "services/disputes/ladder.h"

namespace assure::disputes {
namespace {

TEST(ServiceFinding, CarriesTheDisputeAsItsSourceAndItsStarAsItsPriority) {
  v1::Dispute d;
  d.set_name("disputes/d-1");
  d.set_finding("findings/f-1");
  d.set_service_finding("Care plans are not updated after reviews");
  d.set_outcome(v1::OUTCOME_ACTION_AGREED);
  d.set_raised_by("iro-1");
  auto req = ServiceFinding(d, absl::UnixEpoch());
  EXPECT_EQ(req.finding_id(), "f-1");
  EXPECT_EQ(req.finding().source(), plans::FINDING_SOURCE_DISPUTE);
  EXPECT_EQ(req.finding().source_record(), "disputes/d-1");
  EXPECT_EQ(req.finding().text(), "Care plans are not updated after reviews");
  EXPECT_EQ(req.finding().priority(), plans::FINDING_PRIORITY_MEDIUM);
  d.set_starred(true);
  EXPECT_EQ(ServiceFinding(d, absl::UnixEpoch()).finding().priority(),
            plans::FINDING_PRIORITY_HIGH);
}

TEST(RecurringTheme, ThreeInSixMonthsByDefaultSentOnceAtTheThreshold) {
  const v1::DisputeSettings s = DefaultSettings();
  EXPECT_FALSE(ThemeRecursNow(s, 2));
  EXPECT_TRUE(ThemeRecursNow(s, 3));
  EXPECT_FALSE(ThemeRecursNow(s, 4));
  // Six calendar months back, the window's first day the day after: 31 August from
  // 28 February (the end of a shorter month).
  EXPECT_EQ(ThemeWindowStart(s, absl::CivilDay(2027, 2, 28)), absl::CivilDay(2026, 8, 29));
  EXPECT_EQ(ThemeWindowStart(s, absl::CivilDay(2026, 8, 31)), absl::CivilDay(2026, 3, 1));
}

TEST(RecurringTheme, TheAuthoritysOwnThresholdAndWindow) {
  v1::DisputeSettings s = DefaultSettings();
  s.set_recurring_theme_threshold(5);
  s.set_recurring_theme_months(12);
  EXPECT_FALSE(ThemeRecursNow(s, 3));
  EXPECT_TRUE(ThemeRecursNow(s, 5));
  EXPECT_EQ(ThemeWindowStart(s, absl::CivilDay(2027, 1, 15)), absl::CivilDay(2026, 1, 16));
  const auto f = ThemeFinding(s, "social_worker_changes", 5, absl::CivilDay(2027, 1, 15), "iro-1",
                              absl::UnixEpoch());
  EXPECT_NE(f.finding().title().find("Number of changes of social worker"), std::string::npos);
  EXPECT_NE(f.finding().text().find("2026-01-16 to 2027-01-15"), std::string::npos);
}

TEST(RecurringTheme, SettingsOutsideTheRuleAreRefused) {
  v1::DisputeSettings s = DefaultSettings();
  s.set_recurring_theme_threshold(1);
  EXPECT_FALSE(ValidateSettings(s).ok());
  s.set_recurring_theme_threshold(0);
  s.set_recurring_theme_months(25);
  EXPECT_FALSE(ValidateSettings(s).ok());
}

}  // namespace
}  // namespace assure::disputes
