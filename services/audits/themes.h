// The theme register (seed 004: audit themes collated and used for learning): strengths and
// areas for development, as the codes audits tag them with, counted by month with their
// recurrence; and the finding an area for development becomes when enough audits of one
// month raise it. Pure.
#ifndef ASSURE_SERVICES_AUDITS_THEMES_H_
#define ASSURE_SERVICES_AUDITS_THEMES_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "assure/actionplans/v1/actionplans_service.pb.h"
#include "assure/audits/v1/resources.pb.h"

namespace assure::audits {

namespace v1 = ::assure::audits::v1;
namespace plans = ::assure::actionplans::v1;

// An audit's tags of one kind, each once: none until it is submitted.
std::vector<std::string> TagsOf(const v1::Audit& a, v1::ThemeKind kind);

// "YYYY-MM" of a month given as a Date with day 0.
std::string MonthKey(const google::type::Date& month);
// auditThemes/{YYYY-MM}/{tag}
std::string ThemeName(const google::type::Date& month, const std::string& tag);

// The month given and the 11 before it, oldest first.
std::vector<google::type::Date> YearEnding(const google::type::Date& month);

// (month key, tag) -> findings/{finding}: the areas already sent to action plans.
using Referrals = std::map<std::pair<std::string, std::string>, std::string>;

// The register for `month` from the audits of the 12 months ending with it.
v1::ThemeRegister ThemeRegisterOf(const google::type::Date& month,
                                  const std::vector<v1::Audit>& audits,
                                  const Referrals& referrals, int threshold);

// The finding an area for development becomes once `audits` audits of `month` raise it.
plans::CreateFindingRequest ThemeFinding(const google::type::Date& month, const std::string& tag,
                                         int audits, const std::string& raised_by,
                                         absl::Time now);

// The finding a programme's recommendation becomes.
plans::CreateFindingRequest ProgrammeFinding(const v1::Selection& programme,
                                             const v1::ProgrammeRecommendation& r,
                                             absl::Time now);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_THEMES_H_
