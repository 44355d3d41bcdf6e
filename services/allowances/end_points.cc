#include "services/allowances/end_points.h"

#include <algorithm>
#include <utility>

#include "services/common/dates.h"

namespace assure::allowances {
namespace {

bool InFullTimeEducationOrTraining(const v1::SupportedChild& c) {
  return c.education() == v1::EDUCATION_FULL_TIME_EDUCATION ||
         c.education() == v1::EDUCATION_FULL_TIME_TRAINING;
}

// Past 18: support goes on only in full-time education or training, to the course's end.
std::optional<v1::EndPoint> AgeEndPoint(const v1::SupportedChild& c, absl::CivilDay day) {
  const auto birth = DayOf(c.birth_date());
  if (!birth || day < EighteenthBirthday(*birth)) return std::nullopt;
  if (!InFullTimeEducationOrTraining(c)) return v1::END_POINT_EIGHTEEN;
  const auto course_end = DayOf(c.course_end_date());
  if (course_end && day > *course_end) return v1::END_POINT_COURSE_ENDED;
  return std::nullopt;
}

}  // namespace

absl::CivilDay EighteenthBirthday(absl::CivilDay birth) {
  // CivilDay normalises 29 February of a common year to 1 March.
  return absl::CivilDay(birth.year() + 18, birth.month(), birth.day());
}

int FinancialYearOf(absl::CivilDay day) {
  return day.month() >= 4 ? static_cast<int>(day.year()) : static_cast<int>(day.year()) - 1;
}

bool TurnsEighteenIn(const v1::SupportedChild& child, int year) {
  const auto birth = DayOf(child.birth_date());
  return birth && FinancialYearOf(EighteenthBirthday(*birth)) == year;
}

std::vector<v1::EndPoint> EndPointsOn(const v1::SupportedChild& child, const v1::Allowance& a,
                                      absl::CivilDay day) {
  std::vector<v1::EndPoint> reached;
  const auto died = DayOf(child.death_date());
  if (died && day >= *died) reached.push_back(v1::END_POINT_DIED);
  if (!child.lives_with_carers()) reached.push_back(v1::END_POINT_NO_LONGER_HOME);
  if (child.education() == v1::EDUCATION_LEFT_AND_WORKING) {
    reached.push_back(v1::END_POINT_LEFT_EDUCATION_WORKING);
  }
  if (child.own_benefit() == v1::OWN_BENEFIT_INCOME_SUPPORT ||
      child.own_benefit() == v1::OWN_BENEFIT_JOBSEEKERS_ALLOWANCE) {
    reached.push_back(v1::END_POINT_OWN_BENEFIT);
  }
  if (auto age = AgeEndPoint(child, day)) reached.push_back(*age);
  const auto period_end = DayOf(a.end_date());
  if (period_end && day > *period_end) reached.push_back(v1::END_POINT_PERIOD_ENDED);
  return reached;
}

std::optional<DatedEnd> DatedEndBy(const v1::SupportedChild& child, const v1::Allowance& a,
                                   absl::CivilDay today) {
  // (end point, the first day it holds)
  std::vector<std::pair<v1::EndPoint, absl::CivilDay>> dated;
  if (const auto died = DayOf(child.death_date())) dated.push_back({v1::END_POINT_DIED, *died});
  if (const auto birth = DayOf(child.birth_date())) {
    const absl::CivilDay eighteen = EighteenthBirthday(*birth);
    const auto course_end = DayOf(child.course_end_date());
    if (!InFullTimeEducationOrTraining(child)) {
      dated.push_back({v1::END_POINT_EIGHTEEN, eighteen});
    } else if (course_end) {
      dated.push_back({v1::END_POINT_COURSE_ENDED, std::max(eighteen, *course_end + 1)});
    }
  }
  if (const auto end = DayOf(a.end_date())) dated.push_back({v1::END_POINT_PERIOD_ENDED, *end + 1});
  std::optional<DatedEnd> first;
  for (const auto& [end_point, from] : dated) {
    if (from > today || (first && from - 1 >= first->last_day)) continue;
    first = DatedEnd{end_point, from - 1};
  }
  return first;
}

bool NeedsBenefitDecision(const v1::SupportedChild& child) {
  return child.own_benefit() == v1::OWN_BENEFIT_UNIVERSAL_CREDIT;
}

const char* EndPointRule(v1::EndPoint end_point) {
  switch (end_point) {
    case v1::END_POINT_NO_LONGER_HOME:
      return "end_point.no_longer_home";
    case v1::END_POINT_LEFT_EDUCATION_WORKING:
      return "end_point.left_education_working";
    case v1::END_POINT_OWN_BENEFIT:
      return "end_point.own_benefit";
    case v1::END_POINT_EIGHTEEN:
      return "end_point.eighteen";
    case v1::END_POINT_COURSE_ENDED:
      return "end_point.course_ended";
    case v1::END_POINT_DIED:
      return "end_point.died";
    case v1::END_POINT_PERIOD_ENDED:
      return "end_point.period_ended";
    case v1::END_POINT_DECISION:
      return "end_point.decision";
    default:
      return "end_point.unspecified";
  }
}

}  // namespace assure::allowances
