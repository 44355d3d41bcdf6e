#include "protos/assure/allowances/v1/names.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"

namespace assure::allowances {
namespace {

// allowances/{allowance}/{children}/{n}, n a number from 1 written plainly.
absl::StatusOr<LedgerEntryKey> ParseNumbered(absl::string_view name, absl::string_view children,
                                             absl::string_view field) {
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  LedgerEntryKey out;
  if (parts.size() != 4 || parts[0] != "allowances" || !IsValidId(parts[1]) ||
      parts[2] != children || parts[3].empty() || parts[3][0] < '1' || parts[3][0] > '9' ||
      !absl::SimpleAtoi(parts[3], &out.seq)) {
    return InvalidField(
        field, absl::StrCat("must be of the form allowances/{allowance}/", children, "/{n}"));
  }
  out.allowance = std::string(parts[1]);
  return out;
}

}  // namespace
absl::StatusOr<std::string> ParseSupportedChildName(absl::string_view name,
                                                    absl::string_view field) {
  return ParseCollectionId(name, "supportedChildren", field);
}

absl::StatusOr<std::string> ParseAllowanceName(absl::string_view name, absl::string_view field) {
  return ParseCollectionId(name, "allowances", field);
}

absl::StatusOr<std::string> ParseAllowanceParent(absl::string_view name, absl::string_view field,
                                                 bool any) {
  if (any && name == "allowances/-") return std::string();
  return ParseCollectionId(name, "allowances", field);
}

absl::StatusOr<DeclarationName> ParseDeclarationName(absl::string_view name,
                                                     absl::string_view field) {
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  DeclarationName out;
  if (parts.size() != 4 || parts[0] != "allowances" || !IsValidId(parts[1]) ||
      parts[2] != "declarations" || parts[3].size() != 4 ||
      !absl::SimpleAtoi(parts[3], &out.year) || out.year < 1900) {
    return InvalidField(field, "must be of the form allowances/{allowance}/declarations/{year}");
  }
  out.allowance = std::string(parts[1]);
  return out;
}

std::string DeclarationNameOf(absl::string_view allowance, int year) {
  return absl::StrCat("allowances/", allowance, "/declarations/", year);
}

absl::StatusOr<DecisionName> ParseDecisionName(absl::string_view name, absl::string_view field) {
  ASSURE_ASSIGN_OR_RETURN(auto key, ParseNumbered(name, "decisions", field));
  return DecisionName{key.allowance, key.seq};
}

absl::StatusOr<LedgerEntryKey> ParseLedgerEntryName(absl::string_view name,
                                                    absl::string_view field) {
  return ParseNumbered(name, "ledgerEntries", field);
}

std::string DecisionNameOf(absl::string_view allowance, int64_t seq) {
  return absl::StrCat("allowances/", allowance, "/decisions/", seq);
}

absl::StatusOr<std::string> ParseRateTableName(absl::string_view name, absl::string_view field) {
  return ParseCollectionId(name, "rateTables", field);
}

std::string RateTableName(absl::string_view id) { return absl::StrCat("rateTables/", id); }

std::string SupportedChildName(absl::string_view id) {
  return absl::StrCat("supportedChildren/", id);
}
std::string AllowanceName(absl::string_view id) { return absl::StrCat("allowances/", id); }
std::string LedgerEntryName(absl::string_view allowance, int64_t n) {
  return absl::StrCat("allowances/", allowance, "/ledgerEntries/", n);
}

}  // namespace assure::allowances
