// ActionPlansService: each authority's actionPlanSettings (the update cycle, RAG, where
// findings go), every saved version kept with who saved it.
#include "protos/assure/actionplans/v1/names.h"
#include "services/actionplans/plan_settings.h"
#include "services/actionplans/roles.h"
#include "services/actionplans/service.h"
#include "services/common/errors.h"
#include "services/common/settings_resource.h"
#include "services/common/status_macros.h"
#include "services/common/store/settings_revisions.h"

namespace assure::actionplans {

absl::StatusOr<v1::ActionPlanSettings> ActionPlansService::SettingsOf(
    Connection& db, const std::string& tenant) const {
  ASSURE_ASSIGN_OR_RETURN(auto saved,
                          store::LatestSettings<v1::ActionPlanSettings>(db, tenant, kSettingsName));
  if (saved) return WithDefaults(*std::move(saved));
  v1::ActionPlanSettings defaults = DefaultSettings();
  defaults.set_etag("0");
  return defaults;
}

ActionPlansService::Reactor* ActionPlansService::GetActionPlanSettings(
    Ctx* ctx, const v1::GetActionPlanSettingsRequest* req, v1::ActionPlanSettings* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetActionPlanSettings");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->name() != kSettingsName) {
    return Reply(ctx, InvalidField("name", "must be actionPlanSettings"));
  }
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(*out, SettingsOf(db, who->tenant));
    return absl::OkStatus();
  }));
}

ActionPlansService::Reactor* ActionPlansService::UpdateActionPlanSettings(
    Ctx* ctx, const v1::UpdateActionPlanSettingsRequest* req, v1::ActionPlanSettings* out) {
  auto who = Caller(ctx, *req, roles::kConfigurers, "UpdateActionPlanSettings");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->settings().name() != kSettingsName) {
    return Reply(ctx, InvalidField("settings.name", "must be actionPlanSettings"));
  }
  return Change<v1::ActionPlanSettings>(
      ctx, *who, *req, "UpdateActionPlanSettings",
      [this, who = *who, req = *req](Tx& tx) -> absl::StatusOr<v1::ActionPlanSettings> {
        ASSURE_ASSIGN_OR_RETURN(auto current, SettingsOf(tx.db(), who.tenant));
        for (const auto& route : req.settings().finding_routes()) {
          auto id = ParsePlanName(route.plan(), "settings.finding_routes.plan");
          if (id.ok()) ASSURE_RETURN_IF_ERROR(PlanOf(tx.db(), who.tenant, *id, true).status());
        }
        return SaveSettingsUpdate<v1::ActionPlanSettings>(
            tx.db(), who, kSettingsName, std::move(current), req.settings(), req.update_mask(),
            {"update_window_days", "reminder_days", "escalation_days", "red_overdue_percent",
             "finding_routes"},
            ValidateSettings, clock_.Now());
      },
      out);
}

ActionPlansService::Reactor* ActionPlansService::ListActionPlanSettingsRevisions(
    Ctx* ctx, const v1::ListActionPlanSettingsRevisionsRequest* req,
    v1::ListActionPlanSettingsRevisionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListActionPlanSettingsRevisions");
  if (!who.ok()) return Reply(ctx, who.status());
  return Reply(ctx, ListSettingsRevisions<v1::ActionPlanSettings>(store_, who->tenant,
                                                                  kSettingsName, *req, out));
}

}  // namespace assure::actionplans
