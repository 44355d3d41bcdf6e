#include "services/allowances/rates.h"

#include "gtest/gtest.h"
#include "tests/allowances/allowance_fixture.h"

namespace assure::allowances {
namespace {

v1::RateTable Table2026() {
  v1::RateTable t;
  t.set_name("rateTables/2026");
  *t.mutable_effective_date() = Day(2026, 4, 6);
  for (auto [min, max, pence] :
       {std::tuple{0, 10, 15000}, std::tuple{11, 15, 17000}, std::tuple{16, 18, 19999}}) {
    auto* r = t.add_rates();
    r->set_type(v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP);
    r->set_min_age(min);
    r->set_max_age(max);
    r->set_weekly_pence(pence);
  }
  return t;
}

TEST(Rates, TheTableInForceOnTheDayAndTheChildsAgeBandGiveTheRate) {
  const v1::RateTable t = Table2026();
  const std::vector<v1::RateTable> tables = {t};
  EXPECT_EQ(
      RateFor(tables, v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP, 10, absl::CivilDay(2026, 5, 1)),
      15000);
  EXPECT_EQ(
      RateFor(tables, v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP, 11, absl::CivilDay(2026, 5, 1)),
      17000);
  EXPECT_FALSE(
      RateFor(tables, v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP, 10, absl::CivilDay(2026, 4, 5)))
      << "not yet in force";
  EXPECT_FALSE(RateFor(tables, v1::ALLOWANCE_TYPE_ADOPTION, 10, absl::CivilDay(2026, 5, 1)));
}

TEST(Rates, UpratingRoundsEachRateToTheNearestPennyHalfUpAndTheNewTableTakesOver) {
  const v1::RateTable up = Uprate(Table2026(), 150, absl::CivilDay(2027, 4, 5));
  EXPECT_EQ(up.rates(0).weekly_pence(), 15225);
  EXPECT_EQ(up.rates(2).weekly_pence(), 20299) << "19999 x 1.015 = 20298.985";
  EXPECT_EQ(up.uprated_from(), "rateTables/2026");
  const std::vector<v1::RateTable> tables = {Table2026(), up};
  EXPECT_EQ(RateFor(tables, v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP, 5, absl::CivilDay(2027, 4, 4)),
            15000);
  EXPECT_EQ(RateFor(tables, v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP, 5, absl::CivilDay(2027, 4, 5)),
            15225);
}

TEST(Rates, AgeIsCountedInWholeYearsToTheBirthday) {
  EXPECT_EQ(AgeOn(absl::CivilDay(2015, 6, 1), absl::CivilDay(2026, 5, 31)), 10);
  EXPECT_EQ(AgeOn(absl::CivilDay(2015, 6, 1), absl::CivilDay(2026, 6, 1)), 11);
  EXPECT_EQ(AgeOn(absl::CivilDay(2012, 2, 29), absl::CivilDay(2027, 2, 28)), 14);
  EXPECT_EQ(AgeOn(absl::CivilDay(2012, 2, 29), absl::CivilDay(2027, 3, 1)), 15);
}

TEST(Rates, OverlappingBandsAndImpossibleRatesAreRefused) {
  v1::RateTable t = Table2026();
  EXPECT_TRUE(ValidateRateTable(t).ok());
  t.mutable_rates(1)->set_min_age(10);
  t.mutable_rates(2)->set_weekly_pence(0);
  const std::string m(ValidateRateTable(t).message());
  EXPECT_NE(m.find("rate_table.rates[1]"), std::string::npos) << m;
}

}  // namespace
}  // namespace assure::allowances
