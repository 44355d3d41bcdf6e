#include "services/actionplans/metrics.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "services/actionplans/action_life.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"

namespace assure::actionplans {
namespace {

constexpr char kOpen[] = "assure_actions_open";
constexpr char kDue[] = "assure_actions_due";
constexpr char kOverdue[] = "assure_actions_overdue";
constexpr char kSlipped[] = "assure_actions_slipped";
constexpr char kCompleted[] = "assure_actions_completed";
constexpr char kUnplaced[] = "assure_actions_findings_unplaced";
constexpr char kUpdatesOverdue[] = "assure_actions_updates_overdue";

// An enum value's name as a label: PRIORITY_HIGH under "PRIORITY_" is "high".
std::string Label(const std::string& name, absl::string_view prefix) {
  return absl::AsciiStrToLower(absl::StripPrefix(name, prefix));
}

std::string StatusOf(const v1::Action& a) {
  if (a.follow_up_status() == v1::FOLLOW_UP_STATUS_UNSPECIFIED) return "not_tested";
  return Label(v1::FollowUpStatus_Name(a.follow_up_status()), "FOLLOW_UP_STATUS_");
}

absl::Status Count(Tx& tx, const std::string& tenant, const v1::Action& a, int sign) {
  const std::string priority = Label(v1::Priority_Name(a.priority()), "PRIORITY_");
  if (a.state() == v1::ACTION_STATE_COMPLETED) {
    return Figures::Add(tx, tenant, kCompleted,
                        {{"on_time", CompletedOnTime(a) ? "true" : "false"}}, sign);
  }
  if (!IsOpen(a)) return absl::OkStatus();
  ASSURE_RETURN_IF_ERROR(
      Figures::Add(tx, tenant, kOpen, {{"priority", priority}, {"status", StatusOf(a)}}, sign));
  if (a.slips() > 0) {
    ASSURE_RETURN_IF_ERROR(Figures::Add(tx, tenant, kSlipped, {{"priority", priority}}, sign));
  }
  return Figures::AddDue(tx, tenant, kDue, {{"priority", priority}}, *DayOf(a.target_date()), sign);
}

}  // namespace

ActionPlansMetrics::ActionPlansMetrics(store::Store& store, const Clock& clock)
    : figures_(std::make_shared<Figures>(
          store, clock,
          std::vector<FigureSpec>{
              {kOpen, "Open actions, by priority and latest follow-up status."},
              {kDue, "Open actions, by priority, counted by target date.", 1, kOverdue,
               "Open actions past their target date, by priority."},
              {kSlipped, "Open actions whose target date has moved later, by priority."},
              {kCompleted, "Completed actions, by whether they were done by their target."},
              {kUnplaced, "Findings from other services kept unplaced, with their error."},
              {kUpdatesOverdue,
               "Monthly update requests unanswered past their first reminder."}})) {}

absl::Status ActionPlansMetrics::Changed(Tx& tx, const std::string& tenant,
                                         const v1::Action* before, const v1::Action& after) {
  if (before != nullptr) ASSURE_RETURN_IF_ERROR(Count(tx, tenant, *before, -1));
  return Count(tx, tenant, after, +1);
}

absl::Status ActionPlansMetrics::Unplaced(Tx& tx, const std::string& tenant, int delta) {
  return Figures::Add(tx, tenant, kUnplaced, {}, delta);
}

absl::Status ActionPlansMetrics::UpdatesOverdue(Tx& tx, const std::string& tenant, int64_t count) {
  return Figures::Set(tx, tenant, kUpdatesOverdue, {}, count);
}

}  // namespace assure::actionplans
