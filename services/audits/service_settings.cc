// AuditsService: each authority's auditSettings, every saved version kept with who saved it.
#include "protos/assure/audits/v1/names.h"
#include "services/audits/audit_settings.h"
#include "services/audits/roles.h"
#include "services/audits/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_mask.h"
#include "services/common/settings_resource.h"
#include "services/common/status_macros.h"
#include "services/common/store/settings_revisions.h"

namespace assure::audits {

absl::StatusOr<v1::AuditSettings> AuditsService::SettingsOf(Connection& db,
                                                            const std::string& tenant) const {
  ASSURE_ASSIGN_OR_RETURN(auto saved,
                          store::LatestSettings<v1::AuditSettings>(db, tenant, kSettingsName));
  if (saved) return WithDefaults(*std::move(saved));
  v1::AuditSettings defaults = DefaultSettings();
  defaults.set_etag("0");
  return defaults;
}

AuditsService::Reactor* AuditsService::GetAuditSettings(Ctx* ctx,
                                                        const v1::GetAuditSettingsRequest* req,
                                                        v1::AuditSettings* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetAuditSettings");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->name() != kSettingsName) {
    return Reply(ctx, InvalidField("name", "must be auditSettings"));
  }
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(*out, SettingsOf(db, who->tenant));
    return absl::OkStatus();
  }));
}

AuditsService::Reactor* AuditsService::UpdateAuditSettings(
    Ctx* ctx, const v1::UpdateAuditSettingsRequest* req, v1::AuditSettings* out) {
  auto who = Caller(ctx, *req, roles::kSelectors, "UpdateAuditSettings");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->settings().name() != kSettingsName) {
    return Reply(ctx, InvalidField("settings.name", "must be auditSettings"));
  }
  return Change<v1::AuditSettings>(
      ctx, *who, *req, "UpdateAuditSettings",
      [this, who = *who, req = *req](Tx& tx) -> absl::StatusOr<v1::AuditSettings> {
        ASSURE_ASSIGN_OR_RETURN(auto current, SettingsOf(tx.db(), who.tenant));
        return SaveSettingsUpdate<v1::AuditSettings>(
            tx.db(), who, kSettingsName, std::move(current), req.settings(), req.update_mask(),
            {"moderation_sample_percent", "observed_iros", "theme_referral_threshold"},
            ValidateSettings, clock_.Now());
      },
      out);
}

AuditsService::Reactor* AuditsService::ListAuditSettingsRevisions(
    Ctx* ctx, const v1::ListAuditSettingsRevisionsRequest* req,
    v1::ListAuditSettingsRevisionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListAuditSettingsRevisions");
  if (!who.ok()) return Reply(ctx, who.status());
  return Reply(ctx, ListSettingsRevisions<v1::AuditSettings>(store_, who->tenant, kSettingsName,
                                                             *req, out));
}

}  // namespace assure::audits
