// DisputesService: the log's figures, the quarterly report, and the authority's settings.
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_mask.h"
#include "services/common/listing.h"
#include "services/common/settings_resource.h"
#include "services/common/period.h"
#include "services/common/status_macros.h"
#include "services/common/store/settings_revisions.h"
#include "services/disputes/ladder.h"
#include "protos/assure/disputes/v1/names.h"
#include "services/disputes/roles.h"
#include "services/disputes/service.h"

namespace assure::disputes {

DisputesService::Reactor* DisputesService::SummarizeDisputes(
    Ctx* ctx, const v1::SummarizeDisputesRequest* req, v1::DisputeSummary* out) {
  auto who = Caller(ctx, *req, roles::kReporters, "SummarizeDisputes");
  if (!who.ok()) return Reply(ctx, who.status());
  auto days = ParsePeriod(req->start_date(), req->end_date());
  if (!days.ok()) return Reply(ctx, days.status());
  const Period period{days->first, days->second};
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto disputes, ActiveIn(db, who->tenant, period));
    *out = Summarize(disputes, period, clock_.Now(), calendar_);
    for (auto& r : StarredRecommendations(disputes, period, clock_.Now())) {
      *out->add_starred_recommendations() = std::move(r);
    }
    return absl::OkStatus();
  }));
}

DisputesService::Reactor* DisputesService::GetQualityAssuranceReport(
    Ctx* ctx, const v1::GetQualityAssuranceReportRequest* req, v1::QualityAssuranceReport* out) {
  auto who = Caller(ctx, *req, roles::kReporters, "GetQualityAssuranceReport");
  if (!who.ok()) return Reply(ctx, who.status());
  auto period = FiscalQuarter(req->fiscal_year(), req->quarter());
  if (!period.ok()) return Reply(ctx, period.status());
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto disputes, ActiveIn(db, who->tenant, *period));
    out->set_fiscal_year(req->fiscal_year());
    out->set_quarter(req->quarter());
    *out->mutable_summary() = Summarize(disputes, *period, clock_.Now(), calendar_);
    for (auto& r : StarredRecommendations(disputes, *period, clock_.Now())) {
      *out->add_starred_recommendations() = std::move(r);
    }
    return absl::OkStatus();
  }));
}

DisputesService::Reactor* DisputesService::GetDisputeSettings(
    Ctx* ctx, const v1::GetDisputeSettingsRequest* req, v1::DisputeSettings* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetDisputeSettings");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->name() != kSettingsName) {
    return Reply(ctx, InvalidField("name", "must be disputeSettings"));
  }
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(*out, SettingsOf(db, who->tenant));
    return absl::OkStatus();
  }));
}

DisputesService::Reactor* DisputesService::UpdateDisputeSettings(
    Ctx* ctx, const v1::UpdateDisputeSettingsRequest* req, v1::DisputeSettings* out) {
  auto who = Caller(ctx, *req, roles::kConfigurers, "UpdateDisputeSettings");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->settings().name() != kSettingsName) {
    return Reply(ctx, InvalidField("settings.name", "must be disputeSettings"));
  }
  return Change<v1::DisputeSettings>(
      ctx, *who, *req, "UpdateDisputeSettings",
      [this, who = *who, req = *req](Tx& tx) -> absl::StatusOr<v1::DisputeSettings> {
        ASSURE_ASSIGN_OR_RETURN(auto current, SettingsOf(tx.db(), who.tenant));
        return SaveSettingsUpdate<v1::DisputeSettings>(
            tx.db(), who, kSettingsName, std::move(current), req.settings(), req.update_mask(),
            {"informal_limit_working_days", "stages", "auto_escalate", "themes",
             "departure_reason", "recurring_theme_threshold", "recurring_theme_months"},
            ValidateSettings, clock_.Now());
      },
      out);
}

DisputesService::Reactor* DisputesService::ListDisputeSettingsRevisions(
    Ctx* ctx, const v1::ListDisputeSettingsRevisionsRequest* req,
    v1::ListDisputeSettingsRevisionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListDisputeSettingsRevisions");
  if (!who.ok()) return Reply(ctx, who.status());
  return Reply(ctx, ListSettingsRevisions<v1::DisputeSettings>(store_, who->tenant,
                                                                kSettingsName, *req, out));
}

}  // namespace assure::disputes
