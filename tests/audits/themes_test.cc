#include "services/audits/themes.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace assure::audits {
namespace {

using ::testing::ElementsAre;

google::type::Date ThemeMonth(int y, int m) {
  google::type::Date d;
  d.set_year(y);
  d.set_month(m);
  return d;
}

v1::Audit Submitted(int y, int m, std::vector<std::string> areas,
                    std::vector<std::string> strengths = {}) {
  v1::Audit a;
  a.set_state(v1::AUDIT_STATE_SUBMITTED);
  *a.mutable_month() = ThemeMonth(y, m);
  for (auto& t : areas) a.add_theme_tags(t);
  for (auto& t : strengths) a.add_strength_tags(t);
  return a;
}

TEST(Themes, TheYearEndingAMonthCrossesTheNewYear) {
  const auto year = YearEnding(ThemeMonth(2027, 2));
  ASSERT_EQ(year.size(), 12u);
  EXPECT_EQ(MonthKey(year.front()), "2026-03");
  EXPECT_EQ(MonthKey(year.back()), "2027-02");
}

TEST(Themes, EachThemeIsCountedOncePerAuditWithItsTrendAndRecurrence) {
  std::vector<v1::Audit> audits = {
      Submitted(2026, 12, {"visits", "visits"}, {"voice_of_child"}),
      Submitted(2026, 12, {"visits", "plans"}),
      Submitted(2026, 11, {"visits"}),
      Submitted(2026, 9, {"visits"}),
      Submitted(2025, 12, {"visits"}),  // 13 months back: outside the year
      Submitted(2026, 10, {"plans"}),
  };
  v1::Audit in_progress = Submitted(2026, 12, {"plans"});
  in_progress.set_state(v1::AUDIT_STATE_IN_PROGRESS);
  audits.push_back(in_progress);
  const Referrals referred = {{{"2026-12", "visits"}, "findings/f-1"}};
  const v1::ThemeRegister r = ThemeRegisterOf(ThemeMonth(2026, 12), audits, referred, 2);
  ASSERT_EQ(r.themes_size(), 3);
  const v1::ThemeEntry& visits = r.themes(0);
  EXPECT_EQ(visits.name(), "auditThemes/2026-12/visits");
  EXPECT_EQ(visits.kind(), v1::THEME_KIND_AREA_FOR_DEVELOPMENT);
  EXPECT_EQ(visits.audits(), 2);
  EXPECT_THAT(visits.by_month(), ElementsAre(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 2));
  EXPECT_EQ(visits.months_running(), 2);
  EXPECT_EQ(visits.months_in_year(), 3);
  EXPECT_EQ(visits.finding(), "findings/f-1");
  EXPECT_EQ(r.themes(1).tag(), "plans");
  EXPECT_EQ(r.themes(1).audits(), 1) << "work in progress is not counted";
  EXPECT_EQ(r.themes(1).months_running(), 1);
  EXPECT_EQ(r.themes(2).kind(), v1::THEME_KIND_STRENGTH);
  EXPECT_EQ(r.themes(2).finding(), "");
  EXPECT_EQ(r.referral_threshold(), 2);
}

TEST(Themes, AThemeNotRaisedThisMonthIsNotInItsRegister) {
  const auto r = ThemeRegisterOf(ThemeMonth(2026, 12), {Submitted(2026, 11, {"visits"})}, {}, 3);
  EXPECT_EQ(r.themes_size(), 0);
}

TEST(Themes, AnAreaOverTheThresholdBecomesAFindingThatNamesItsSource) {
  const auto req = ThemeFinding(ThemeMonth(2026, 12), "visits", 3, "iro-1", absl::UnixEpoch());
  EXPECT_EQ(req.finding().source(), plans::FINDING_SOURCE_AUDIT_THEME);
  EXPECT_EQ(req.finding().source_record(), "auditThemes/2026-12/visits");
  EXPECT_EQ(req.finding().title(),
            "visits: an area for development in 3 case-file audits of December 2026");
  EXPECT_FALSE(req.finding_id().empty());
}

}  // namespace
}  // namespace assure::audits
