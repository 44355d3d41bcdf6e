#include "services/allowances/end_points.h"

#include "gtest/gtest.h"
#include "tests/allowances/allowance_fixture.h"

namespace assure::allowances {
namespace {

using Reached = std::vector<v1::EndPoint>;

TEST(EndPoints, NoneWhileTheChildIsUnder18AtHomeAndAtSchool) {
  EXPECT_TRUE(EndPointsOn(AChild(), ADraft(), absl::CivilDay(2027, 1, 1)).empty());
}

TEST(EndPoints, EighteenIsReachedOnTheBirthdayItselfNotTheDayBefore) {
  const v1::SupportedChild c = AChild();  // born 10 May 2012
  EXPECT_TRUE(EndPointsOn(c, ADraft(), absl::CivilDay(2030, 5, 9)).empty());
  EXPECT_EQ(EndPointsOn(c, ADraft(), absl::CivilDay(2030, 5, 10)), Reached{v1::END_POINT_EIGHTEEN});
}

TEST(EndPoints, ALeapDayBirthdayIsReachedOnTheFirstOfMarchInACommonYear) {
  EXPECT_EQ(EighteenthBirthday(absl::CivilDay(2008, 2, 29)), absl::CivilDay(2026, 3, 1));
  EXPECT_EQ(EighteenthBirthday(absl::CivilDay(2010, 2, 28)), absl::CivilDay(2028, 2, 28));
}

TEST(EndPoints, InFullTimeEducationSupportGoesOnPast18ToTheEndOfTheCourse) {
  v1::SupportedChild c = AChild();
  c.set_education(v1::EDUCATION_FULL_TIME_EDUCATION);
  *c.mutable_course_end_date() = Day(2031, 7, 18);
  EXPECT_TRUE(EndPointsOn(c, ADraft(), absl::CivilDay(2031, 7, 18)).empty());
  EXPECT_EQ(EndPointsOn(c, ADraft(), absl::CivilDay(2031, 7, 19)),
            Reached{v1::END_POINT_COURSE_ENDED});
  c.set_education(v1::EDUCATION_FULL_TIME_TRAINING);
  EXPECT_TRUE(EndPointsOn(c, ADraft(), absl::CivilDay(2031, 1, 1)).empty());
}

TEST(EndPoints, EachChangeOfCircumstanceIsItsOwnEndPointDeathFirst) {
  v1::SupportedChild c = AChild();
  c.set_lives_with_carers(false);
  EXPECT_EQ(EndPointsOn(c, ADraft(), absl::CivilDay(2027, 1, 1)),
            Reached{v1::END_POINT_NO_LONGER_HOME});
  c = AChild();
  c.set_education(v1::EDUCATION_LEFT_AND_WORKING);
  EXPECT_EQ(EndPointsOn(c, ADraft(), absl::CivilDay(2027, 1, 1)),
            Reached{v1::END_POINT_LEFT_EDUCATION_WORKING});
  c = AChild();
  c.set_own_benefit(v1::OWN_BENEFIT_JOBSEEKERS_ALLOWANCE);
  EXPECT_EQ(EndPointsOn(c, ADraft(), absl::CivilDay(2027, 1, 1)),
            Reached{v1::END_POINT_OWN_BENEFIT});
  c.set_own_benefit(v1::OWN_BENEFIT_INCOME_SUPPORT);
  EXPECT_EQ(EndPointsOn(c, ADraft(), absl::CivilDay(2027, 1, 1)),
            Reached{v1::END_POINT_OWN_BENEFIT});
  *c.mutable_death_date() = Day(2026, 12, 1);
  EXPECT_EQ(EndPointsOn(c, ADraft(), absl::CivilDay(2027, 1, 1)),
            (Reached{v1::END_POINT_DIED, v1::END_POINT_OWN_BENEFIT}));
  EXPECT_EQ(EndPointsOn(c, ADraft(), absl::CivilDay(2026, 11, 30)),
            Reached{v1::END_POINT_OWN_BENEFIT});
}

TEST(EndPoints, UniversalCreditIsNotAnEndPointButAskedOfTheAuthority) {
  v1::SupportedChild c = AChild();
  c.set_own_benefit(v1::OWN_BENEFIT_UNIVERSAL_CREDIT);
  EXPECT_TRUE(EndPointsOn(c, ADraft(), absl::CivilDay(2027, 1, 1)).empty());
  EXPECT_TRUE(NeedsBenefitDecision(c));
  EXPECT_FALSE(NeedsBenefitDecision(AChild()));
}

TEST(EndPoints, ThePeriodTheDecisionSetEndsAfterItsLastDay) {
  v1::Allowance a = ADraft();
  *a.mutable_end_date() = Day(2027, 3, 31);
  EXPECT_TRUE(EndPointsOn(AChild(), a, absl::CivilDay(2027, 3, 31)).empty());
  EXPECT_EQ(EndPointsOn(AChild(), a, absl::CivilDay(2027, 4, 1)),
            Reached{v1::END_POINT_PERIOD_ENDED});
}

TEST(EighteenInYear, ABirthdayOn31MarchIsTheYearBeforeOneOn1April) {
  v1::SupportedChild march = AChild();
  *march.mutable_birth_date() = Day(2009, 3, 31);  // 18 on 31 March 2027
  v1::SupportedChild april = AChild();
  *april.mutable_birth_date() = Day(2009, 4, 1);  // 18 on 1 April 2027
  EXPECT_TRUE(TurnsEighteenIn(march, 2026));
  EXPECT_FALSE(TurnsEighteenIn(march, 2027));
  EXPECT_FALSE(TurnsEighteenIn(april, 2026));
  EXPECT_TRUE(TurnsEighteenIn(april, 2027));
  EXPECT_EQ(FinancialYearOf(absl::CivilDay(2027, 3, 31)), 2026);
  EXPECT_EQ(FinancialYearOf(absl::CivilDay(2027, 4, 1)), 2027);
}

}  // namespace
}  // namespace assure::allowances

namespace assure::allowances {
namespace {

TEST(DatedEnd, TheEighteenthBirthdayEndsSupportTheDayBefore) {
  EXPECT_FALSE(DatedEndBy(AChild(), ADraft(), absl::CivilDay(2030, 5, 9)));
  const auto end = DatedEndBy(AChild(), ADraft(), absl::CivilDay(2030, 6, 1));
  ASSERT_TRUE(end);
  EXPECT_EQ(end->end_point, v1::END_POINT_EIGHTEEN);
  EXPECT_EQ(end->last_day, absl::CivilDay(2030, 5, 9));
}

TEST(DatedEnd, InFullTimeEducationTheCoursesEndNotTheBirthday) {
  v1::SupportedChild c = AChild();
  c.set_education(v1::EDUCATION_FULL_TIME_EDUCATION);
  EXPECT_FALSE(DatedEndBy(c, ADraft(), absl::CivilDay(2031, 1, 1))) << "no course end known";
  *c.mutable_course_end_date() = Day(2031, 7, 18);
  const auto end = DatedEndBy(c, ADraft(), absl::CivilDay(2031, 7, 19));
  ASSERT_TRUE(end);
  EXPECT_EQ(end->end_point, v1::END_POINT_COURSE_ENDED);
  EXPECT_EQ(end->last_day, absl::CivilDay(2031, 7, 18));
}

TEST(DatedEnd, TheEarliestOfSeveralDatedEndPointsStands) {
  v1::SupportedChild c = AChild();
  *c.mutable_death_date() = Day(2027, 2, 1);
  v1::Allowance a = ADraft();
  *a.mutable_end_date() = Day(2027, 3, 31);
  const auto end = DatedEndBy(c, a, absl::CivilDay(2027, 6, 1));
  ASSERT_TRUE(end);
  EXPECT_EQ(end->end_point, v1::END_POINT_DIED);
  EXPECT_EQ(end->last_day, absl::CivilDay(2027, 1, 31));
  c.clear_death_date();
  EXPECT_EQ(DatedEndBy(c, a, absl::CivilDay(2027, 6, 1))->end_point, v1::END_POINT_PERIOD_ENDED);
}

TEST(DatedEnd, LeavingHomeCarriesNoDateAndWaitsForAPerson) {
  v1::SupportedChild c = AChild();
  c.set_lives_with_carers(false);
  EXPECT_FALSE(DatedEndBy(c, ADraft(), absl::CivilDay(2027, 1, 1)));
}

}  // namespace
}  // namespace assure::allowances
