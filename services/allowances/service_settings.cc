// AllowancesService: each authority's allowanceSettings (ledger codes, forms, the scheme of
// delegation), every saved version kept with who saved it.
#include "protos/assure/allowances/v1/names.h"
#include "services/allowances/allowance_settings.h"
#include "services/allowances/roles.h"
#include "services/allowances/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_mask.h"
#include "services/common/settings_resource.h"
#include "services/common/status_macros.h"
#include "services/common/store/settings_revisions.h"

namespace assure::allowances {

absl::StatusOr<v1::AllowanceSettings> AllowancesService::SettingsOf(
    Connection& db, const std::string& tenant) const {
  ASSURE_ASSIGN_OR_RETURN(auto saved,
                          store::LatestSettings<v1::AllowanceSettings>(db, tenant, kSettingsName));
  if (saved) return WithDefaults(*std::move(saved));
  v1::AllowanceSettings defaults = DefaultSettings();
  defaults.set_etag("0");
  return defaults;
}

AllowancesService::Reactor* AllowancesService::GetAllowanceSettings(
    Ctx* ctx, const v1::GetAllowanceSettingsRequest* req, v1::AllowanceSettings* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetAllowanceSettings");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->name() != kSettingsName) {
    return Reply(ctx, InvalidField("name", "must be allowanceSettings"));
  }
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(*out, SettingsOf(db, who->tenant));
    return absl::OkStatus();
  }));
}

AllowancesService::Reactor* AllowancesService::UpdateAllowanceSettings(
    Ctx* ctx, const v1::UpdateAllowanceSettingsRequest* req, v1::AllowanceSettings* out) {
  auto who = Caller(ctx, *req, roles::kConfigurers, "UpdateAllowanceSettings");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->settings().name() != kSettingsName) {
    return Reply(ctx, InvalidField("settings.name", "must be allowanceSettings"));
  }
  return Change<v1::AllowanceSettings>(
      ctx, *who, *req, "UpdateAllowanceSettings",
      [this, who = *who, req = *req](Tx& tx) -> absl::StatusOr<v1::AllowanceSettings> {
        ASSURE_ASSIGN_OR_RETURN(auto current, SettingsOf(tx.db(), who.tenant));
        return SaveSettingsUpdate<v1::AllowanceSettings>(
            tx.db(), who, kSettingsName, std::move(current), req.settings(), req.update_mask(),
            {"ledger_codes", "required_forms", "approval_levels", "representation_days",
             "declaration_reminder_days", "education_evidence_days", "enhancement_review_months"},
            ValidateSettings, clock_.Now());
      },
      out);
}

AllowancesService::Reactor* AllowancesService::ListAllowanceSettingsRevisions(
    Ctx* ctx, const v1::ListAllowanceSettingsRevisionsRequest* req,
    v1::ListAllowanceSettingsRevisionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListAllowanceSettingsRevisions");
  if (!who.ok()) return Reply(ctx, who.status());
  return Reply(ctx, ListSettingsRevisions<v1::AllowanceSettings>(store_, who->tenant, kSettingsName,
                                                                 *req, out));
}

}  // namespace assure::allowances
