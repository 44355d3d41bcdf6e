#include "services/reviews/annual_report.h"

#include "gtest/gtest.h"

namespace assure::reviews {
namespace {

using absl::CivilDay;

TEST(PerMille, RoundsHalfUp) {
  EXPECT_EQ(PerMille(4, 1530), 3);  // seed 001: 0.3% late
  EXPECT_EQ(PerMille(19, 1688), 11);
  EXPECT_EQ(PerMille(1, 0), 0);
}

TEST(AgeBand, UsesTheSeedsBands) {
  EXPECT_STREQ(AgeBand(CivilDay(2013, 6, 1), CivilDay(2026, 5, 31)), "0-12");
  EXPECT_STREQ(AgeBand(CivilDay(2013, 6, 1), CivilDay(2026, 6, 1)), "13+");
}

TEST(BuildAnnualReport, CountsLateReviewsAndReasons) {
  std::vector<ReportMeeting> m = {
      {MeetingKind::kLacReview, CivilDay(2026, 5, 1), false, 0, 1, true, false},
      {MeetingKind::kLacReview, CivilDay(2026, 6, 1), true, 1, 2, false, true},
      {MeetingKind::kCpReviewConference, CivilDay(2026, 6, 2), false, 0, std::nullopt, false, false},
  };
  const auto r = BuildAnnualReport(CivilDay(2026, 4, 1), CivilDay(2027, 3, 31), m, {}, {}, {});
  EXPECT_EQ(r.reviews_held(), 3);
  EXPECT_EQ(r.reviews_late(), 1);
  EXPECT_EQ(r.reviews_late_per_mille(), 333);
  ASSERT_EQ(r.meetings_size(), 2);
  EXPECT_EQ(r.meetings(0).kind(), v1::REVIEW_KIND_LAC_REVIEW);
  EXPECT_EQ(r.meetings(0).late_reasons(0).reason(), v1::LATE_REASON_STAFFING);
  EXPECT_EQ(r.iro_saw_child_beforehand(), 1);
  EXPECT_EQ(r.child_chaired(), 1);
}

TEST(BuildAnnualReport, ParticipationLeavesOutPn0AndComparesWithTheTarget) {
  std::vector<ReportMeeting> m;
  for (int i = 0; i < 19; ++i) m.push_back({MeetingKind::kLacReview, CivilDay(2026, 5, 1), false, 0, 1});
  m.push_back({MeetingKind::kLacReview, CivilDay(2026, 5, 1), false, 0, 7});
  m.push_back({MeetingKind::kLacReview, CivilDay(2026, 5, 1), false, 0, 0});
  const auto r = BuildAnnualReport(CivilDay(2026, 4, 1), CivilDay(2027, 3, 31), m, {}, {}, {});
  EXPECT_EQ(r.participation().eligible_reviews(), 20);
  EXPECT_EQ(r.participation().participating_reviews(), 19);
  EXPECT_EQ(r.participation().rate_per_mille(), 950);
  EXPECT_TRUE(r.participation().target_met());
}

TEST(BuildAnnualReport, CaseloadIsPerFullTimeIroChairingThatKind) {
  std::vector<ReportIro> iros = {{"iros/a", 100, true, false, 60, 0},
                                 {"iros/b", 50, true, true, 30, 20}};
  const auto r = BuildAnnualReport(CivilDay(2026, 4, 1), CivilDay(2027, 3, 31), {}, {}, iros, {});
  EXPECT_EQ(r.lac_caseload_per_fte_hundredths(), 6000);  // 90 children / 1.5 FTE
  EXPECT_EQ(r.cp_caseload_per_fte_hundredths(), 4000);   // 20 / 0.5
}

TEST(BuildAnnualReport, DistributionIsOnTimeOfThoseDueWithPendingApart) {
  ReportMeeting a;
  a.kind = MeetingKind::kLacReview;
  a.date = CivilDay(2026, 5, 1);
  a.paperwork = {{"decisions_distributed", v1::PAPERWORK_STATUS_ON_TIME},
                 {"record_distributed", v1::PAPERWORK_STATUS_LATE},
                 {"care_plan_received", v1::PAPERWORK_STATUS_LATE}};
  ReportMeeting b;
  b.kind = MeetingKind::kLacReview;
  b.date = CivilDay(2026, 5, 2);
  b.paperwork = {{"decisions_distributed", v1::PAPERWORK_STATUS_ON_TIME},
                 {"record_distributed", v1::PAPERWORK_STATUS_PENDING}};
  ReportMeeting c;
  c.kind = MeetingKind::kCpReviewConference;
  c.date = CivilDay(2026, 5, 3);
  c.paperwork = {{"minutes_distributed", v1::PAPERWORK_STATUS_OVERDUE}};
  const auto r =
      BuildAnnualReport(CivilDay(2026, 4, 1), CivilDay(2027, 3, 31), {a, b, c}, {}, {}, {});
  ASSERT_EQ(r.distribution_size(), 3);  // the pre-meeting items are not distribution
  EXPECT_EQ(r.distribution(0).item(), "decisions_distributed");
  EXPECT_EQ(r.distribution(0).on_time(), 2);
  EXPECT_EQ(r.distribution(0).on_time_per_mille(), 1000);
  EXPECT_EQ(r.distribution(1).late(), 1);
  EXPECT_EQ(r.distribution(1).pending(), 1);
  EXPECT_EQ(r.distribution(1).on_time_per_mille(), 0);
  EXPECT_EQ(r.distribution(2).item(), "minutes_distributed");
  EXPECT_EQ(r.distribution(2).overdue(), 1);
}

TEST(BuildAnnualReport, AdmissionsAndDischargesAreByAgeBandInThePeriod) {
  std::vector<ReportPeriod> p = {
      {CivilDay(2020, 1, 1), CivilDay(2026, 5, 1), std::nullopt},
      {CivilDay(2010, 1, 1), CivilDay(2025, 5, 1), CivilDay(2026, 6, 1)},
      {CivilDay(2010, 1, 1), CivilDay(2024, 5, 1), CivilDay(2025, 6, 1)},
  };
  const auto r = BuildAnnualReport(CivilDay(2026, 4, 1), CivilDay(2027, 3, 31), {}, p, {}, {});
  EXPECT_EQ(r.admissions(0).age_band(), "0-12");
  EXPECT_EQ(r.admissions(0).count(), 1);
  EXPECT_EQ(r.discharges(1).age_band(), "13+");
  EXPECT_EQ(r.discharges(1).count(), 1);
  EXPECT_EQ(r.looked_after_at_end(), 1);
}

}  // namespace
}  // namespace assure::reviews
