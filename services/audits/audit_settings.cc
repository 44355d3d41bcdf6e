#include "services/audits/audit_settings.h"

#include "protos/assure/audits/v1/names.h"
#include "services/audits/observations.h"
#include "services/common/errors.h"

namespace assure::audits {

v1::AuditSettings DefaultSettings() {
  v1::AuditSettings s;
  s.set_name(kSettingsName);
  s.set_moderation_sample_percent(10);
  s.set_theme_referral_threshold(3);
  return s;
}

v1::AuditSettings WithDefaults(v1::AuditSettings saved) {
  if (saved.theme_referral_threshold() == 0) {
    saved.set_theme_referral_threshold(DefaultSettings().theme_referral_threshold());
  }
  return saved;
}

absl::Status ValidateSettings(const v1::AuditSettings& s) {
  FieldViolations v;
  if (s.moderation_sample_percent() < 0 || s.moderation_sample_percent() > 100) {
    v.Add("settings.moderation_sample_percent", "must be 0 to 100");
  }
  if (s.theme_referral_threshold() < 1 || s.theme_referral_threshold() > 100) {
    v.Add("settings.theme_referral_threshold", "must be 1 to 100");
  }
  CheckRoster(s, v);
  return v.ToStatus();
}

}  // namespace assure::audits
