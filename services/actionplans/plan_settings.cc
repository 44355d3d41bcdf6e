#include "services/actionplans/plan_settings.h"

#include <set>

#include "protos/assure/actionplans/v1/names.h"
#include "services/common/errors.h"

namespace assure::actionplans {

v1::ActionPlanSettings DefaultSettings() {
  v1::ActionPlanSettings s;
  s.set_name(kSettingsName);
  s.set_update_window_days(45);
  s.set_reminder_days(7);
  s.set_escalation_days(14);
  s.set_red_overdue_percent(25);
  return s;
}

v1::ActionPlanSettings WithDefaults(v1::ActionPlanSettings saved) {
  const v1::ActionPlanSettings d = DefaultSettings();
  if (saved.update_window_days() == 0) saved.set_update_window_days(d.update_window_days());
  if (saved.reminder_days() == 0) saved.set_reminder_days(d.reminder_days());
  if (saved.escalation_days() == 0) saved.set_escalation_days(d.escalation_days());
  if (saved.red_overdue_percent() == 0) saved.set_red_overdue_percent(d.red_overdue_percent());
  return saved;
}

absl::Status ValidateSettings(v1::ActionPlanSettings& s) {
  FieldViolations v;
  if (s.update_window_days() < 1 || s.update_window_days() > 366) {
    v.Add("settings.update_window_days", "must be 1 to 366 days");
  }
  if (s.reminder_days() < 1 || s.reminder_days() > 31) {
    v.Add("settings.reminder_days", "must be 1 to 31 days");
  }
  if (s.escalation_days() < s.reminder_days() || s.escalation_days() > 92) {
    v.Add("settings.escalation_days", "must be from reminder_days to 92 days");
  }
  if (s.red_overdue_percent() < 1 || s.red_overdue_percent() > 100) {
    v.Add("settings.red_overdue_percent", "must be 1 to 100");
  }
  std::set<int> sources;
  for (const auto& r : s.finding_routes()) {
    if (r.source() == 0 || !v1::FindingSource_IsValid(r.source()) ||
        !sources.insert(r.source()).second) {
      v.Add("settings.finding_routes.source", "must be a finding source, each once");
    }
    if (!ParsePlanName(r.plan(), "settings.finding_routes.plan").ok()) {
      v.Add("settings.finding_routes.plan", "must be of the form plans/{plan}");
    }
  }
  return v.ToStatus();
}

}  // namespace assure::actionplans
