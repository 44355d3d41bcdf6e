// Resource names of the audits API, parsed and built in one place, beside the protos so that
// any component may use them.
//   cases/{case}
//   audits/{audit}
//   selections/{selection}
//   auditTools/{tool}/versions/{version}      (version: 1, 2, ...)
//   audits/{audit}/actions/{action}           (action: 1, 2, ...)
//   auditSettings                             (one per local authority: the caller's)
//   iroObservations/{observation}
#ifndef ASSURE_PROTOS_ASSURE_AUDITS_V1_NAMES_H_
#define ASSURE_PROTOS_ASSURE_AUDITS_V1_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace assure::audits {

// Each returns the id, or INVALID_ARGUMENT naming `field` when the name is malformed.
absl::StatusOr<std::string> ParseCaseName(absl::string_view name, absl::string_view field);
absl::StatusOr<std::string> ParseAuditName(absl::string_view name, absl::string_view field);
absl::StatusOr<std::string> ParseSelectionName(absl::string_view name, absl::string_view field);
absl::StatusOr<std::string> ParseObservationName(absl::string_view name,
                                                 absl::string_view field);

struct ToolVersionName {
  std::string tool;
  int64_t version = 0;
};
// auditTools/{tool}; with `any`, auditTools/- is "" (every tool).
absl::StatusOr<std::string> ParseToolParent(absl::string_view name, absl::string_view field,
                                            bool any = false);
absl::StatusOr<ToolVersionName> ParseToolVersionName(absl::string_view name,
                                                     absl::string_view field);
std::string ToolVersionNameOf(absl::string_view tool, int64_t version);

inline constexpr char kSettingsName[] = "auditSettings";

struct ActionName {
  std::string audit;
  int64_t action = 0;
};
// audits/{audit}; with `any`, audits/- is "" (every audit).
absl::StatusOr<std::string> ParseAuditParent(absl::string_view name, absl::string_view field,
                                             bool any = false);
absl::StatusOr<ActionName> ParseActionName(absl::string_view name, absl::string_view field);
std::string ActionNameOf(absl::string_view audit, int64_t action);

std::string CaseName(absl::string_view id);
std::string AuditName(absl::string_view id);
std::string SelectionName(absl::string_view id);
std::string ObservationName(absl::string_view id);

}  // namespace assure::audits

#endif  // ASSURE_PROTOS_ASSURE_AUDITS_V1_NAMES_H_
