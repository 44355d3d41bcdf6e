#include "protos/assure/audits/v1/names.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::audits {
namespace {

absl::StatusOr<std::string> ParseId(absl::string_view name, absl::string_view collection,
                                    absl::string_view field) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, collection) || !absl::ConsumePrefix(&id, "/") ||
      !IsValidId(id)) {
    return InvalidField(field, absl::StrCat("must be of the form ", collection, "/{id}"));
  }
  return std::string(id);
}

}  // namespace

absl::StatusOr<std::string> ParseCaseName(absl::string_view name, absl::string_view field) {
  return ParseId(name, "cases", field);
}
absl::StatusOr<std::string> ParseAuditName(absl::string_view name, absl::string_view field) {
  return ParseId(name, "audits", field);
}
absl::StatusOr<std::string> ParseSelectionName(absl::string_view name, absl::string_view field) {
  return ParseId(name, "selections", field);
}

absl::StatusOr<std::string> ParseToolParent(absl::string_view name, absl::string_view field,
                                            bool any) {
  if (any && name == "auditTools/-") return std::string();
  return ParseId(name, "auditTools", field);
}

absl::StatusOr<ToolVersionName> ParseToolVersionName(absl::string_view name,
                                                     absl::string_view field) {
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  ToolVersionName out;
  if (parts.size() != 4 || parts[0] != "auditTools" || !IsValidId(parts[1]) ||
      parts[2] != "versions" || !absl::SimpleAtoi(parts[3], &out.version) || out.version < 1 ||
      parts[3][0] == '0' || parts[3][0] == '+') {
    return InvalidField(field, "must be of the form auditTools/{tool}/versions/{version}");
  }
  out.tool = std::string(parts[1]);
  return out;
}

std::string ToolVersionNameOf(absl::string_view tool, int64_t version) {
  return absl::StrCat("auditTools/", tool, "/versions/", version);
}

std::string CaseName(absl::string_view id) { return absl::StrCat("cases/", id); }
std::string AuditName(absl::string_view id) { return absl::StrCat("audits/", id); }
std::string SelectionName(absl::string_view id) { return absl::StrCat("selections/", id); }

}  // namespace assure::audits
