#include "protos/assure/allowances/v1/names.h"

#include "absl/strings/str_cat.h"
#include "services/common/resource_ids.h"

namespace assure::allowances {
absl::StatusOr<std::string> ParseSupportedChildName(absl::string_view name,
                                                    absl::string_view field) {
  return ParseCollectionId(name, "supportedChildren", field);
}

absl::StatusOr<std::string> ParseAllowanceName(absl::string_view name, absl::string_view field) {
  return ParseCollectionId(name, "allowances", field);
}

std::string SupportedChildName(absl::string_view id) {
  return absl::StrCat("supportedChildren/", id);
}
std::string AllowanceName(absl::string_view id) { return absl::StrCat("allowances/", id); }
std::string LedgerEntryName(absl::string_view allowance, int64_t n) {
  return absl::StrCat("allowances/", allowance, "/ledgerEntries/", n);
}

}  // namespace assure::allowances
