// Whether an IRO may be allocated to a child. Pure.
//
//   Hard rules refuse: the IRO must be active and chair that kind of meeting; an IRO may
//   not be involved in preparing the child's plan or managing the case, nor manage anyone
//   who is (CPPCR 2010 reg 46).
//   Soft rules [local] warn, and are overridden only with a recorded reason: the IRO who
//   chaired child protection conferences stays when the child becomes looked after (seed
//   002 IRO 8); siblings share an IRO; the IRO's caseload per full-time IRO would not pass
//   the authority's benchmark (IRO Handbook: 50-70).
#ifndef ASSURE_SERVICES_REVIEWS_ALLOCATION_H_
#define ASSURE_SERVICES_REVIEWS_ALLOCATION_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/common/working_days.h"

namespace assure::reviews {

// Who works on a child's case, and who manages them.
struct CaseStaff {
  std::vector<std::string> case_worker_ids;
  std::vector<std::string> line_manager_ids;
};

struct AllocationFacts {
  std::string iro_id;
  bool iro_active = false;
  bool iro_chairs_lac = false;
  bool iro_chairs_cp = false;
  bool child_looked_after = false;
  bool child_in_child_protection = false;
  CaseStaff staff;
  // Active IROs already allocated to the child's siblings.
  std::set<std::string> sibling_iros;
  // The IRO who chaired the child's latest child protection conference, if any.
  std::optional<std::string> cp_chair;
  // The IRO's caseload (looked after and child protection) before this child, the IRO's
  // FTE in hundredths, and the authority's benchmark per full-time IRO; 0 to skip the check.
  int iro_caseload = 0;
  int iro_fte_hundredths = 0;
  int caseload_benchmark_high = 0;
};

struct AllocationDecision {
  // FAILED_PRECONDITION naming the rule when refused; OK otherwise.
  absl::Status refusal;
  // Soft rules the allocation breaks: each "rule: what".
  std::vector<std::string> warnings;
};

// CPPCR 2010 reg 46: FAILED_PRECONDITION (allocation.iro_independence) when the IRO is one
// of the people working on the case or manages one of them; every path that sets a child's
// or a meeting's IRO asks.
absl::Status CheckIroIndependence(const std::string& iro_id, const CaseStaff& staff);

// Hard rules refuse outright. Soft rules refuse unless `override_reason` is given.
AllocationDecision CheckAllocation(const AllocationFacts& facts, const std::string& override_reason);

// Working days from becoming looked after to the IRO's allocation (seed 002 C6).
struct NotificationDelay {
  int working_days = 0;
  bool within_target = true;
};
NotificationDelay MeasureNotificationDelay(std::optional<absl::CivilDay> looked_after,
                                           absl::CivilDay allocated, const WorkingDays& calendar,
                                           int target_working_days);

}  // namespace assure::reviews

#endif  // ASSURE_SERVICES_REVIEWS_ALLOCATION_H_
