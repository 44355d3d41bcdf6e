#include "services/reviews/caseload_on.h"

namespace assure::reviews {

std::optional<std::string> IroOn(const std::vector<AllocationOn>& history, absl::CivilDay day) {
  std::optional<std::string> iro;
  std::optional<absl::CivilDay> latest;
  for (const AllocationOn& a : history) {
    if (a.day > day || (latest && a.day < *latest)) continue;
    latest = a.day;
    iro = a.iro;
  }
  return iro;
}

std::map<std::string, DayCaseload> CaseloadsOn(const std::vector<ChildOnDay>& children) {
  std::map<std::string, DayCaseload> out;
  for (const ChildOnDay& c : children) {
    if (!c.iro) continue;
    if (c.looked_after) {
      ++out[*c.iro].lac;
    } else if (c.on_plan) {
      ++out[*c.iro].cp;
    }
  }
  return out;
}

}  // namespace assure::reviews
