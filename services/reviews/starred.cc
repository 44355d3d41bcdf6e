#include "services/reviews/starred.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"

namespace assure::reviews {

bool MissedStarredDeadline(const v1::Decision& decision, absl::CivilDay today) {
  if (!decision.starred() || decision.state() != v1::DECISION_STATE_OPEN) return false;
  if (!decision.dispute().empty()) return false;
  const auto deadline = FromProto(decision.due_date()).day;
  return deadline && *deadline < today;
}

std::string MissedDeadlineConcern(const v1::Decision& decision) {
  const auto deadline = FromProto(decision.due_date()).day;
  return absl::StrCat("Starred recommendation not carried out by its deadline (",
                      deadline ? FormatDay(*deadline) : "none", "; owner ", decision.owner(),
                      "): ", decision.text());
}

}  // namespace assure::reviews
