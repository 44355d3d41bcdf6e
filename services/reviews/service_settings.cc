// ReviewsService: the authority's reviewSettings, a resource per tenant with every saved
// version kept (who, when, and why where it departs from the guidance).
#include "services/common/dates.h"
#include "services/common/field_mask.h"
#include "services/common/status_macros.h"
#include "services/common/settings_resource.h"
#include "services/common/store/settings_revisions.h"
#include "services/reviews/review_settings.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"

namespace assure::reviews {

absl::StatusOr<v1::ReviewSettings> ReviewsService::ReviewSettingsOf(
    Connection& db, const std::string& tenant) const {
  ASSURE_ASSIGN_OR_RETURN(auto saved, store::LatestSettings<v1::ReviewSettings>(
                                          db, tenant, kReviewSettingsName));
  if (saved) {
    FillAddedFields(*saved);
    return *std::move(saved);
  }
  v1::ReviewSettings defaults = DefaultReviewSettings();
  defaults.set_etag("0");
  return defaults;
}

absl::StatusOr<Settings> ReviewsService::SettingsFor(Connection& db,
                                                     const std::string& tenant) const {
  ASSURE_ASSIGN_OR_RETURN(auto settings, ReviewSettingsOf(db, tenant));
  return SettingsOf(settings);
}

ReviewsService::Reactor* ReviewsService::GetReviewSettings(Ctx* ctx,
                                                           const v1::GetReviewSettingsRequest* req,
                                                           v1::ReviewSettings* out) {
  auto who = Caller(ctx, *req, roles::kSettingsReaders, "GetReviewSettings");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->name() != kReviewSettingsName) {
    return Reply(ctx, InvalidField("name", "must be reviewSettings"));
  }
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(*out, ReviewSettingsOf(db, who->tenant));
    return absl::OkStatus();
  }));
}

ReviewsService::Reactor* ReviewsService::UpdateReviewSettings(
    Ctx* ctx, const v1::UpdateReviewSettingsRequest* req, v1::ReviewSettings* out) {
  auto who = Caller(ctx, *req, roles::kSettingsEditors, "UpdateReviewSettings");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->settings().name() != kReviewSettingsName) {
    return Reply(ctx, InvalidField("settings.name", "must be reviewSettings"));
  }
  return Change<v1::ReviewSettings>(
      ctx, *who, *req, "UpdateReviewSettings",
      [this, who = *who, req = *req](Tx& tx) -> absl::StatusOr<v1::ReviewSettings> {
        ASSURE_ASSIGN_OR_RETURN(auto current, ReviewSettingsOf(tx.db(), who.tenant));
        return SaveSettingsUpdate<v1::ReviewSettings>(
            tx.db(), who, kReviewSettingsName, std::move(current), req.settings(),
            req.update_mask(),
            {"cp_anchor", "two_part_counts", "two_part_completion_working_days",
             "participating_codes", "participation_target_per_mille",
             "iro_notification_target_working_days", "caseload_benchmark_low",
             "caseload_benchmark_high", "due_soon_working_days",
             "conference_minutes_working_days", "referral_response_working_days",
             "urgent_referral_response_working_days", "concern_acknowledge_working_days",
             "concern_answer_working_days", "departure_reason"},
            ValidateReviewSettings, clock_.Now());
      },
      out);
}

ReviewsService::Reactor* ReviewsService::ListReviewSettingsRevisions(
    Ctx* ctx, const v1::ListReviewSettingsRevisionsRequest* req,
    v1::ListReviewSettingsRevisionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kSettingsReaders, "ListReviewSettingsRevisions");
  if (!who.ok()) return Reply(ctx, who.status());
  return Reply(ctx, ListSettingsRevisions<v1::ReviewSettings>(store_, who->tenant,
                                                               kReviewSettingsName, *req, out));
}

}  // namespace assure::reviews
