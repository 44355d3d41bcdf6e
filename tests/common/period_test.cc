#include "services/common/period.h"

#include "gtest/gtest.h"

namespace assure {
namespace {

TEST(ReportingYear, RunsFromAprilToMarchNamedByItsFirstYear) {
  const ReportingYear y = ReportingYearOf(absl::CivilDay(2027, 3, 31));
  EXPECT_EQ(y.year, 2026);
  EXPECT_EQ(y.first, absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(y.last, absl::CivilDay(2027, 3, 31));
  EXPECT_EQ(ReportingYearOf(absl::CivilDay(2026, 4, 1)).year, 2026);
  EXPECT_EQ(ReportingYearOf(absl::CivilDay(2026, 3, 31)).year, 2025);
}

}  // namespace
}  // namespace assure
