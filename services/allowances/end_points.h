// The statutory end points of support [law] (ASSR reg 11, SGR reg 9, unconfirmed numbers),
// found from the child's record by date, without anyone asking. Pure.
#ifndef ASSURE_SERVICES_ALLOWANCES_END_POINTS_H_
#define ASSURE_SERVICES_ALLOWANCES_END_POINTS_H_

#include <optional>
#include <vector>

#include "absl/time/civil_time.h"
#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// The day the child turns 18. Born on 29 February, a child attains an age on 1 March in a
// year without one (Family Law Reform Act 1969 s9: the anniversary's commencement).
absl::CivilDay EighteenthBirthday(absl::CivilDay birth);

// The financial year (1 April to 31 March) a day falls in, by the year it starts.
int FinancialYearOf(absl::CivilDay day);

// Whether the child turns 18 in the financial year starting 1 April `year` (seed 002
// adoption 4: listed at its start, so support can be planned).
bool TurnsEighteenIn(const v1::SupportedChild& child, int year);

// Every end point reached by `day` for `a` paid for `child`, most certain first (death,
// home, work, own benefit, age, course, period). Empty while support may go on.
std::vector<v1::EndPoint> EndPointsOn(const v1::SupportedChild& child, const v1::Allowance& a,
                                      absl::CivilDay day);

// An end point the record itself dates, reached by `today`, and the last day paid for (the
// day before it holds); the earliest if several. Leaving home, starting work or a benefit
// carry no date in the record: a person who knows the day records those.
struct DatedEnd {
  v1::EndPoint end_point = v1::END_POINT_UNSPECIFIED;
  absl::CivilDay last_day;
};
std::optional<DatedEnd> DatedEndBy(const v1::SupportedChild& child, const v1::Allowance& a,
                                   absl::CivilDay today);

// Universal credit in the young person's own right is not income support: the authority
// decides whether support goes on [law: not equivalent by default].
bool NeedsBenefitDecision(const v1::SupportedChild& child);

// The rule name a stop records, e.g. "end_point.eighteen".
const char* EndPointRule(v1::EndPoint end_point);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_END_POINTS_H_
