#include "protos/assure/actionplans/v1/names.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::actionplans {
namespace {

// A number from 1 written plainly.
bool ParseNumber(absl::string_view s, int64_t* n) {
  return !s.empty() && s[0] >= '1' && s[0] <= '9' && absl::SimpleAtoi(s, n);
}

// plans/{plan}/{children}/{n}
absl::StatusOr<PlanChild> ParsePlanChild(absl::string_view name, absl::string_view children,
                                         absl::string_view field) {
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  PlanChild out;
  if (parts.size() != 4 || parts[0] != "plans" || !IsValidId(parts[1]) || parts[2] != children ||
      !ParseNumber(parts[3], &out.n)) {
    return InvalidField(field, absl::StrCat("must be of the form plans/{plan}/", children, "/{n}"));
  }
  out.plan = std::string(parts[1]);
  return out;
}

}  // namespace

absl::StatusOr<std::string> ParsePlanName(absl::string_view name, absl::string_view field) {
  return ParseCollectionId(name, "plans", field);
}

absl::StatusOr<std::string> ParsePlanParent(absl::string_view name, absl::string_view field,
                                            bool any) {
  if (any && name == "plans/-") return std::string();
  return ParseCollectionId(name, "plans", field);
}

absl::StatusOr<PlanChild> ParseRecommendationName(absl::string_view name, absl::string_view field) {
  return ParsePlanChild(name, "recommendations", field);
}

absl::StatusOr<PlanChild> ParseActionName(absl::string_view name, absl::string_view field) {
  return ParsePlanChild(name, "actions", field);
}

absl::StatusOr<std::string> ParseFindingName(absl::string_view name, absl::string_view field) {
  return ParseCollectionId(name, "findings", field);
}

std::string PlanName(absl::string_view plan) { return absl::StrCat("plans/", plan); }
std::string RecommendationName(absl::string_view plan, int64_t n) {
  return absl::StrCat("plans/", plan, "/recommendations/", n);
}
std::string ActionName(absl::string_view plan, int64_t n) {
  return absl::StrCat("plans/", plan, "/actions/", n);
}
std::string ActionUpdateName(const PlanChild& action, int64_t m) {
  return absl::StrCat(ActionName(action.plan, action.n), "/updates/", m);
}
std::string FollowUpName(const PlanChild& action, int64_t m) {
  return absl::StrCat(ActionName(action.plan, action.n), "/followUps/", m);
}
std::string UpdateRequestName(const PlanChild& action, absl::string_view month) {
  return absl::StrCat(ActionName(action.plan, action.n), "/updateRequests/", month);
}
std::string FindingName(absl::string_view id) { return absl::StrCat("findings/", id); }

}  // namespace assure::actionplans
