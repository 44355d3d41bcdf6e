// Resource names of the action plans API, parsed and built in one place, beside the protos so
// that any component may use them.
//   plans/{plan}
//   plans/{plan}/recommendations/{n}                 (n: 1, 2, ...)
//   plans/{plan}/actions/{n}                         (n: 1, 2, ...)
//   plans/{plan}/actions/{n}/updates/{m}             (m: 1, 2, ...)
//   plans/{plan}/actions/{n}/followUps/{m}           (m: 1, 2, ...)
//   plans/{plan}/actions/{n}/updateRequests/{yyyy-mm}
//   findings/{finding}                               (finding: the sender's id)
//   actionPlanSettings                               (one per local authority: the caller's)
#ifndef ASSURE_PROTOS_ASSURE_ACTIONPLANS_V1_NAMES_H_
#define ASSURE_PROTOS_ASSURE_ACTIONPLANS_V1_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace assure::actionplans {

// A plan's child numbered from 1 (a recommendation, an action).
struct PlanChild {
  std::string plan;
  int64_t n = 0;
};

// An action's child numbered from 1 (an update, a follow-up).
struct ActionChild {
  PlanChild action;
  int64_t m = 0;
};

// Each returns the parts, or INVALID_ARGUMENT naming `field` when the name is malformed.
absl::StatusOr<std::string> ParsePlanName(absl::string_view name, absl::string_view field);
// plans/{plan}; with `any`, plans/- is "" (every plan).
absl::StatusOr<std::string> ParsePlanParent(absl::string_view name, absl::string_view field,
                                            bool any);
absl::StatusOr<PlanChild> ParseRecommendationName(absl::string_view name, absl::string_view field);
absl::StatusOr<PlanChild> ParseActionName(absl::string_view name, absl::string_view field);
absl::StatusOr<std::string> ParseFindingName(absl::string_view name, absl::string_view field);

std::string PlanName(absl::string_view plan);
std::string RecommendationName(absl::string_view plan, int64_t n);
std::string ActionName(absl::string_view plan, int64_t n);
std::string ActionUpdateName(const PlanChild& action, int64_t m);
std::string FollowUpName(const PlanChild& action, int64_t m);
// `month` as yyyy-mm.
std::string UpdateRequestName(const PlanChild& action, absl::string_view month);
std::string FindingName(absl::string_view id);

inline constexpr char kSettingsName[] = "actionPlanSettings";

}  // namespace assure::actionplans

#endif  // ASSURE_PROTOS_ASSURE_ACTIONPLANS_V1_NAMES_H_
