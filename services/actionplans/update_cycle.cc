#include "services/actionplans/update_cycle.h"

#include "absl/strings/str_format.h"
#include "services/actionplans/action_life.h"
#include "services/common/dates.h"

namespace assure::actionplans {
namespace {

bool SameMonth(absl::CivilDay a, absl::CivilDay b) {
  return absl::CivilMonth(a) == absl::CivilMonth(b);
}

// The last day the request was sent: its ask or its latest reminder.
absl::CivilDay LastSent(const v1::UpdateRequest& r) {
  const auto reminded = DayOf(r.last_reminder_date());
  return reminded ? *reminded : *DayOf(r.ask_date());
}

}  // namespace

std::string MonthOf(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d", day.year(), day.month());
}

bool InUpdateWindow(const v1::Action& a, absl::CivilDay today, int window_days) {
  const auto target = DayOf(a.target_date());
  return IsOpen(a) && target && *target <= today + window_days;
}

CycleStep NextStep(const v1::Action& a, const v1::UpdateRequest* latest,
                   const v1::ActionPlanSettings& settings, absl::CivilDay today) {
  if (!IsOpen(a)) return CycleStep::kNone;
  if (latest != nullptr && latest->state() == v1::UPDATE_REQUEST_STATE_OPEN) {
    const absl::CivilDay asked = *DayOf(latest->ask_date());
    if (!IsSet(latest->escalate_date()) && today >= asked + settings.escalation_days()) {
      return CycleStep::kEscalate;
    }
    if (today >= LastSent(*latest) + settings.reminder_days()) return CycleStep::kRemind;
    return CycleStep::kNone;
  }
  if (latest != nullptr && SameMonth(*DayOf(latest->ask_date()), today)) return CycleStep::kNone;
  const auto updated = DayOf(a.last_update_date());
  if (updated && SameMonth(*updated, today)) return CycleStep::kNone;
  return InUpdateWindow(a, today, settings.update_window_days()) ? CycleStep::kAsk
                                                                 : CycleStep::kNone;
}

v1::UpdateRequest Ask(const v1::Action& a, const std::string& name, absl::CivilDay today) {
  v1::UpdateRequest r;
  r.set_name(name);
  r.set_action(a.name());
  *r.mutable_recipients() = a.responsible_officers();
  *r.mutable_target_date() = a.target_date();
  r.set_state(v1::UPDATE_REQUEST_STATE_OPEN);
  *r.mutable_ask_date() = ToProto(today);
  return r;
}

void Remind(v1::UpdateRequest& r, absl::CivilDay today) {
  r.set_reminders(r.reminders() + 1);
  *r.mutable_last_reminder_date() = ToProto(today);
}

void Escalate(v1::UpdateRequest& r, const std::string& plan_owner, absl::CivilDay today) {
  *r.mutable_escalate_date() = ToProto(today);
  r.set_escalated_to(plan_owner);
}

void Answer(v1::UpdateRequest& r, const std::string& update) {
  r.set_state(v1::UPDATE_REQUEST_STATE_ANSWERED);
  r.set_answered_by(update);
}

bool UpdateOverdue(const v1::UpdateRequest& r, const v1::ActionPlanSettings& settings,
                   absl::CivilDay today) {
  return r.state() == v1::UPDATE_REQUEST_STATE_OPEN &&
         today >= *DayOf(r.ask_date()) + settings.reminder_days();
}

bool HighOverdueToEscalate(const v1::Action& a, absl::CivilDay today) {
  if (a.priority() != v1::PRIORITY_HIGH || !IsOverdue(a, today)) return false;
  const absl::CivilDay target = *DayOf(a.target_date());
  for (const auto& e : a.escalations()) {
    if (e.reason() == v1::ESCALATION_REASON_HIGH_PRIORITY_OVERDUE &&
        *DayOf(e.escalate_date()) > target) {
      return false;
    }
  }
  return true;
}

void EscalateOverdue(v1::Action& a, const std::string& plan_owner, absl::CivilDay today) {
  v1::Escalation* e = a.add_escalations();
  e->set_reason(v1::ESCALATION_REASON_HIGH_PRIORITY_OVERDUE);
  *e->mutable_escalate_date() = ToProto(today);
  e->set_escalated_to(plan_owner);
}

}  // namespace assure::actionplans
