#include "protos/assure/audits/v1/names.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::audits {
namespace {

// {collection}/{id}/{children}/{n}, n a number from 1 written plainly: (id, n), or nullopt.
std::optional<std::pair<std::string, int64_t>> ParseNumbered(absl::string_view name,
                                                             absl::string_view collection,
                                                             absl::string_view children) {
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  int64_t n = 0;
  if (parts.size() != 4 || parts[0] != collection || !IsValidId(parts[1]) ||
      parts[2] != children || parts[3].empty() || parts[3][0] < '1' || parts[3][0] > '9' ||
      !absl::SimpleAtoi(parts[3], &n)) {
    return std::nullopt;
  }
  return std::make_pair(std::string(parts[1]), n);
}

}  // namespace

absl::StatusOr<std::string> ParseCaseName(absl::string_view name, absl::string_view field) {
  return ParseCollectionId(name, "cases", field);
}
absl::StatusOr<std::string> ParseAuditName(absl::string_view name, absl::string_view field) {
  return ParseCollectionId(name, "audits", field);
}
absl::StatusOr<std::string> ParseSelectionName(absl::string_view name, absl::string_view field) {
  return ParseCollectionId(name, "selections", field);
}

absl::StatusOr<std::string> ParseObservationName(absl::string_view name,
                                                 absl::string_view field) {
  return ParseCollectionId(name, "iroObservations", field);
}

absl::StatusOr<std::string> ParseToolParent(absl::string_view name, absl::string_view field,
                                            bool any) {
  if (any && name == "auditTools/-") return std::string();
  return ParseCollectionId(name, "auditTools", field);
}

absl::StatusOr<ToolVersionName> ParseToolVersionName(absl::string_view name,
                                                     absl::string_view field) {
  auto parsed = ParseNumbered(name, "auditTools", "versions");
  if (!parsed) {
    return InvalidField(field, "must be of the form auditTools/{tool}/versions/{version}");
  }
  return ToolVersionName{parsed->first, parsed->second};
}

absl::StatusOr<std::string> ParseAuditParent(absl::string_view name, absl::string_view field,
                                             bool any) {
  if (any && name == "audits/-") return std::string();
  return ParseCollectionId(name, "audits", field);
}

absl::StatusOr<ActionName> ParseActionName(absl::string_view name, absl::string_view field) {
  auto parsed = ParseNumbered(name, "audits", "actions");
  if (!parsed) return InvalidField(field, "must be of the form audits/{audit}/actions/{action}");
  return ActionName{parsed->first, parsed->second};
}

std::string ActionNameOf(absl::string_view audit, int64_t action) {
  return absl::StrCat("audits/", audit, "/actions/", action);
}

std::string ToolVersionNameOf(absl::string_view tool, int64_t version) {
  return absl::StrCat("auditTools/", tool, "/versions/", version);
}

std::string CaseName(absl::string_view id) { return absl::StrCat("cases/", id); }
std::string AuditName(absl::string_view id) { return absl::StrCat("audits/", id); }
std::string SelectionName(absl::string_view id) { return absl::StrCat("selections/", id); }
std::string ObservationName(absl::string_view id) { return absl::StrCat("iroObservations/", id); }

}  // namespace assure::audits
