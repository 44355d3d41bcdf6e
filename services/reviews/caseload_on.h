// IROs' caseloads on a past day (the annual report's last), from the allocation history and
// each child's periods of care and child protection plans, rather than today's records.
// Pure. The rule is the service's own: a looked-after child counts to the IRO's looked-after
// caseload; a child on a plan and not looked after, to the child protection caseload.
#ifndef ASSURE_SERVICES_REVIEWS_CASELOAD_ON_H_
#define ASSURE_SERVICES_REVIEWS_CASELOAD_ON_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace assure::reviews {

// One allocation of a child to an IRO (iros/{iro}), as recorded.
struct AllocationOn {
  absl::CivilDay day;
  std::string iro;
};

// The IRO allocated on `day`: the last allocation dated on or before it, the later recorded
// winning a tie. `history` is in recorded order.
std::optional<std::string> IroOn(const std::vector<AllocationOn>& history, absl::CivilDay day);

struct ChildOnDay {
  std::optional<std::string> iro;
  bool looked_after = false;
  bool on_plan = false;
};

struct DayCaseload {
  int lac = 0;
  int cp = 0;
};

// Per IRO (iros/{iro}), the children counted to them on the day.
std::map<std::string, DayCaseload> CaseloadsOn(const std::vector<ChildOnDay>& children);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_CASELOAD_ON_H_
