#include "services/reviews/allocation.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/errors.h"

namespace assure::reviews {

namespace {

bool Among(const std::string& id, const std::vector<std::string>& ids) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Caseload per full-time IRO, rounded up, once this child is added.
int CaseloadPerFteAfter(const AllocationFacts& f) {
  const int hundredths = std::max(f.iro_fte_hundredths, 1);
  return ((f.iro_caseload + 1) * 100 + hundredths - 1) / hundredths;
}

}  // namespace

absl::Status CheckIroIndependence(const std::string& iro_id, const CaseStaff& staff) {
  if (Among(iro_id, staff.case_worker_ids)) {
    return FailedRule("allocation.iro_independence",
                      absl::StrCat("iros/", iro_id, " works on this case: an IRO may not be "
                                   "involved in preparing the child's plan or managing the case "
                                   "(CPPCR 2010 reg 46)"));
  }
  if (Among(iro_id, staff.line_manager_ids)) {
    return FailedRule("allocation.iro_independence",
                      absl::StrCat("iros/", iro_id, " line-manages staff on this case: an IRO "
                                   "may not have management responsibility for anyone preparing "
                                   "the child's plan or managing the case (CPPCR 2010 reg 46)"));
  }
  return absl::OkStatus();
}

AllocationDecision CheckAllocation(const AllocationFacts& f, const std::string& override_reason) {
  AllocationDecision d;
  if (!f.iro_active) {
    d.refusal = FailedRule("allocation.iro_active",
                           "only an active IRO can be allocated (not a leaver or long absence)");
    return d;
  }
  if (f.child_looked_after && !f.iro_chairs_lac) {
    d.refusal = FailedRule("allocation.iro_chairs_lac_reviews",
                           "the child is looked after and this IRO does not chair LAC reviews");
    return d;
  }
  if (!f.child_looked_after && f.child_in_child_protection && !f.iro_chairs_cp) {
    d.refusal = FailedRule("allocation.iro_chairs_cp_conferences",
                           "this IRO does not chair child protection conferences");
    return d;
  }
  if (d.refusal = CheckIroIndependence(f.iro_id, f.staff); !d.refusal.ok()) return d;
  if (f.child_looked_after && f.cp_chair && *f.cp_chair != f.iro_id) {
    d.warnings.push_back(absl::StrCat("allocation.cp_to_lac_continuity: ", *f.cp_chair,
                                      " chaired the child protection conferences"));
  }
  if (!f.sibling_iros.empty() && !f.sibling_iros.count(f.iro_id)) {
    d.warnings.push_back(absl::StrCat("allocation.same_iro_for_siblings: siblings have ",
                                      absl::StrJoin(f.sibling_iros, ", ")));
  }
  if (f.caseload_benchmark_high > 0 && f.iro_fte_hundredths > 0 &&
      CaseloadPerFteAfter(f) > f.caseload_benchmark_high) {
    d.warnings.push_back(absl::StrCat(
        "allocation.caseload_benchmark: ", f.iro_id, " would have ", CaseloadPerFteAfter(f),
        " children per full-time IRO, above the authority's benchmark of ",
        f.caseload_benchmark_high));
  }
  if (!d.warnings.empty() && override_reason.empty()) {
    d.refusal = FailedRule(
        "allocation.soft_rule",
        absl::StrCat(absl::StrJoin(d.warnings, "; "), "; give override_reason to allocate anyway"));
  }
  return d;
}

NotificationDelay MeasureNotificationDelay(std::optional<absl::CivilDay> looked_after,
                                           absl::CivilDay allocated, const WorkingDays& calendar,
                                           int target_working_days) {
  if (!looked_after || allocated <= *looked_after) return {};
  const int days = calendar.WorkingDaysBetween(*looked_after, allocated);
  return {days, days <= target_working_days};
}

}  // namespace assure::reviews
