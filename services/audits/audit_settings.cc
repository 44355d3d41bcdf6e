#include "services/audits/audit_settings.h"

#include "protos/assure/audits/v1/names.h"
#include "services/audits/observations.h"
#include "services/common/errors.h"

namespace assure::audits {

v1::AuditSettings DefaultSettings() {
  v1::AuditSettings s;
  s.set_name(kSettingsName);
  s.set_moderation_sample_percent(10);
  return s;
}

absl::Status ValidateSettings(const v1::AuditSettings& s) {
  FieldViolations v;
  if (s.moderation_sample_percent() < 0 || s.moderation_sample_percent() > 100) {
    v.Add("settings.moderation_sample_percent", "must be 0 to 100");
  }
  CheckRoster(s, v);
  return v.ToStatus();
}

}  // namespace assure::audits
