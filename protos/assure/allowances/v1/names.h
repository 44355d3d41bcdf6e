// Resource names of the allowances API, parsed and built in one place, beside the protos so
// that any component may use them.
//   supportedChildren/{child}                 (child: the authority's case reference)
//   allowances/{allowance}
//   allowances/{allowance}/ledgerEntries/{n}  (n: 1, 2, ...)
//   allowances/{allowance}/decisions/{n}     (n: 1, 2, ...)
//   allowances/{allowance}/declarations/{year}  (year: the financial year's, e.g. 2026)
//   rateTables/{table}
//   allowanceSettings                         (one per local authority: the caller's)
#ifndef ASSURE_PROTOS_ASSURE_ALLOWANCES_V1_NAMES_H_
#define ASSURE_PROTOS_ASSURE_ALLOWANCES_V1_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace assure::allowances {

// Each returns the id, or INVALID_ARGUMENT naming `field` when the name is malformed.
absl::StatusOr<std::string> ParseSupportedChildName(absl::string_view name,
                                                    absl::string_view field);
absl::StatusOr<std::string> ParseAllowanceName(absl::string_view name, absl::string_view field);

// allowances/{allowance}; with `any`, allowances/- is "" (every allowance).
absl::StatusOr<std::string> ParseAllowanceParent(absl::string_view name, absl::string_view field,
                                                 bool any);

struct DeclarationName {
  std::string allowance;
  int year = 0;
};
absl::StatusOr<DeclarationName> ParseDeclarationName(absl::string_view name,
                                                     absl::string_view field);
std::string DeclarationNameOf(absl::string_view allowance, int year);

struct DecisionName {
  std::string allowance;
  int64_t seq = 0;
};
absl::StatusOr<DecisionName> ParseDecisionName(absl::string_view name, absl::string_view field);
std::string DecisionNameOf(absl::string_view allowance, int64_t seq);

absl::StatusOr<std::string> ParseRateTableName(absl::string_view name, absl::string_view field);
std::string RateTableName(absl::string_view id);

std::string SupportedChildName(absl::string_view id);
std::string AllowanceName(absl::string_view id);
std::string LedgerEntryName(absl::string_view allowance, int64_t n);

struct LedgerEntryKey {
  std::string allowance;
  int64_t seq = 0;
};
absl::StatusOr<LedgerEntryKey> ParseLedgerEntryName(absl::string_view name,
                                                    absl::string_view field);

inline constexpr char kSettingsName[] = "allowanceSettings";

}  // namespace assure::allowances

#endif  // ASSURE_PROTOS_ASSURE_ALLOWANCES_V1_NAMES_H_
