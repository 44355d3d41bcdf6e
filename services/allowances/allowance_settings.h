// An authority's choices for allowances (allowanceSettings): the defaults until it saves its
// own, what a saved version must satisfy, and what the rules read from it. Pure.
#ifndef ASSURE_SERVICES_ALLOWANCES_ALLOWANCE_SETTINGS_H_
#define ASSURE_SERVICES_ALLOWANCES_ALLOWANCE_SETTINGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "assure/allowances/v1/resources.pb.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;

// [local] defaults, each from seed 002 where it names one, to be replaced by the authority's
// own: a ledger code per type (the seed's miscoded payment: an allowance booked as another
// kind); the SGA3 form before an SGO allowance is paid and the ROA6 before a child
// arrangements (residence) order allowance; approval by the team manager and the area (senior)
// manager, as ROA6 asks; 28 days for representations (unconfirmed); a declaration's reminder
// 28 days after it goes out (seed 002 gives 28 days to respond); proof of education by 30
// days into the academic year; an enhancement reviewed every 24 months (seed 002 adoption 7).
v1::AllowanceSettings DefaultSettings();

// A saved version with the defaults of the choices added since it was saved.
v1::AllowanceSettings WithDefaults(v1::AllowanceSettings saved);

// INVALID_ARGUMENT naming each field outside its rule.
absl::Status ValidateSettings(const v1::AllowanceSettings& s);

// The ledger code the authority books `type` to, if it set one.
std::optional<std::string> LedgerCodeFor(const v1::AllowanceSettings& s, v1::AllowanceType type);

// The forms `type` needs before it is paid.
std::vector<std::string> FormsFor(const v1::AllowanceSettings& s, v1::AllowanceType type);

// The roles whose approval an allowance costing `annual_cost_pence` a year needs, each once,
// in the scheme's order.
std::vector<std::string> ApprovalsFor(const v1::AllowanceSettings& s, int64_t annual_cost_pence);

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_ALLOWANCE_SETTINGS_H_
