#include "services/actionplans/live_figures.h"

#include "gtest/gtest.h"
#include "tests/actionplans/action_builders.h"

namespace assure::actionplans {
namespace {

v1::SuccessMeasure Measure(v1::LiveFigure figure, int64_t target) {
  v1::SuccessMeasure m;
  m.set_text("measured");
  m.set_figure(figure);
  m.set_target(target);
  return m;
}

TEST(ReadMeasure, HigherIsBetterUnlessTheFigureIsLateReviews) {
  LiveValues live;
  live.values[v1::LIVE_FIGURE_PARTICIPATION_PER_MILLE] = 940;
  live.values[v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE] = 40;
  EXPECT_FALSE(ReadMeasure(Measure(v1::LIVE_FIGURE_PARTICIPATION_PER_MILLE, 950), live).met());
  EXPECT_TRUE(ReadMeasure(Measure(v1::LIVE_FIGURE_PARTICIPATION_PER_MILLE, 940), live).met());
  EXPECT_TRUE(ReadMeasure(Measure(v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE, 50), live).met());
  EXPECT_FALSE(ReadMeasure(Measure(v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE, 30), live).met());
  EXPECT_EQ(ReadMeasure(Measure(v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE, 30), live).value(), 40);
}

TEST(ReadMeasure, AFigureNotReadSaysWhyAndIsNeitherMetNorMissed) {
  LiveValues live;
  live.unavailable[v1::LIVE_FIGURE_AUDITS_GOOD_OR_BETTER_PERCENT] = "audits is not routed here";
  const auto r = ReadMeasure(Measure(v1::LIVE_FIGURE_AUDITS_GOOD_OR_BETTER_PERCENT, 80), live);
  EXPECT_FALSE(r.has_value());
  EXPECT_FALSE(r.met());
  EXPECT_EQ(r.unavailable(), "audits is not routed here");
}

TEST(ReadMeasures, EachPlanLineGetsItsOwnLiveMeasuresOnly) {
  v1::Plan a = APlan();  // one live measure (late reviews) and none other
  a.add_success_measures()->set_text("read by people");
  v1::Plan b = APlan();
  b.clear_success_measures();
  v1::BoardReport report;
  report.add_plans();
  report.add_plans();
  LiveValues live;
  live.values[v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE] = 20;
  ReadMeasures({a, b}, live, report);
  ASSERT_EQ(report.plans(0).measures_size(), 1);
  EXPECT_TRUE(report.plans(0).measures(0).met());
  EXPECT_EQ(report.plans(1).measures_size(), 0);
  EXPECT_EQ(FiguresNamed({a, b}),
            (std::set<v1::LiveFigure>{v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE}));
}

TEST(TwelveMonthsTo, EndsTodayAndStartsTheDayAfterTheSameDayLastYear) {
  EXPECT_EQ(TwelveMonthsTo(absl::CivilDay(2027, 2, 28)),
            std::make_pair(absl::CivilDay(2026, 3, 1), absl::CivilDay(2027, 2, 28)));
  // From a 29 February, a year back is the 28th: the period starts on 1 March.
  EXPECT_EQ(TwelveMonthsTo(absl::CivilDay(2028, 2, 29)),
            std::make_pair(absl::CivilDay(2027, 3, 1), absl::CivilDay(2028, 2, 29)));
}

}  // namespace
}  // namespace assure::actionplans
