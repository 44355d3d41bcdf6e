// Rate tables: the authority's weekly rates by allowance type and the child's age, from an
// effective date, uprated each April to the penny. Pure.
#ifndef ASSURE_SERVICES_ALLOWANCES_RATES_H_
#define ASSURE_SERVICES_ALLOWANCES_RATES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// INVALID_ARGUMENT naming each bad field: an effective date, types, ages 0 to 25 with no two
// bands of a type overlapping, rates of 1 penny to £100,000.
absl::Status ValidateRateTable(const v1::RateTable& t);

// `t`'s rates raised (or lowered) by `basis_points`, each rounded to the nearest penny (half
// up), effective from `effective`.
v1::RateTable Uprate(const v1::RateTable& t, int basis_points, absl::CivilDay effective);

// Whole years of age on `day`.
int AgeOn(absl::CivilDay birth, absl::CivilDay day);

// The weekly rate for `type` and `age` in the table in force on `day` (the latest effective by
// then); nullopt when none covers it.
std::optional<int64_t> RateFor(const std::vector<v1::RateTable>& tables, v1::AllowanceType type,
                               int age, absl::CivilDay day);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_RATES_H_
