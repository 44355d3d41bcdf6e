// ActionPlansService: a plan's recommendations and findings, with the management response
// to each; a change of priority carries to the actions that answer it.
#include "protos/assure/actionplans/v1/names.h"
#include "services/actionplans/roles.h"
#include "services/actionplans/service.h"
#include "services/actionplans/validation.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_mask.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::actionplans {

ActionPlansService::Reactor* ActionPlansService::CreateRecommendation(
    Ctx* ctx, const v1::CreateRecommendationRequest* req, v1::Recommendation* out) {
  auto who = Caller(ctx, *req, roles::kPlanners, "CreateRecommendation");
  if (!who.ok()) return Reply(ctx, who.status());
  auto plan = ParsePlanName(req->parent(), "parent");
  if (!plan.ok()) return Reply(ctx, plan.status());
  if (auto st = ValidateRecommendation(req->recommendation()); !st.ok()) return Reply(ctx, st);
  return Change<v1::Recommendation>(
      ctx, *who, *req, "CreateRecommendation",
      [this, who = *who, plan = *plan,
       r = req->recommendation()](Tx& tx) mutable -> absl::StatusOr<v1::Recommendation> {
        ASSURE_RETURN_IF_ERROR(PlanOf(tx.db(), who.tenant, plan, true).status());
        r.clear_finding();
        r.clear_finding_source();
        r.clear_source_record();
        r.set_created_by(who.subject);
        *r.mutable_create_time() = ToProto(clock_.Now());
        *r.mutable_update_time() = r.create_time();
        ASSURE_RETURN_IF_ERROR(
            ActionPlansStore::InsertRecommendation(tx.db(), who.tenant, plan, r));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "CreateRecommendation", r.name(), clock_.Now()));
        return r;
      },
      out);
}

ActionPlansService::Reactor* ActionPlansService::ListRecommendations(
    Ctx* ctx, const v1::ListRecommendationsRequest* req, v1::ListRecommendationsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListRecommendations");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto plan, ParsePlanName(req->parent(), "parent"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), req->parent()));
    int64_t after_n = 0;
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(auto key, ParseRecommendationName(after, "page_token"));
      after_n = key.n;
    }
    std::vector<v1::Recommendation> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_RETURN_IF_ERROR(PlanOf(db, who->tenant, plan, false).status());
      ASSURE_ASSIGN_OR_RETURN(
          rows, ActionPlansStore::ListRecommendations(db, who->tenant, plan, after_n, size + 1));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, req->parent(), [](const v1::Recommendation& r) { return r.name(); });
    for (auto& r : rows) {
      read.push_back(r.name());
      *out->add_recommendations() = std::move(r);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListRecommendations", std::move(read), st);
}

absl::StatusOr<v1::Recommendation> ActionPlansService::UpdateRecommendationTx(
    Tx& tx, const Principal& who, const v1::UpdateRecommendationRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto key, ParseRecommendationName(req.recommendation().name(), "name"));
  ASSURE_RETURN_IF_ERROR(PlanOf(tx.db(), who.tenant, key.plan, true).status());
  ASSURE_ASSIGN_OR_RETURN(auto found,
                          ActionPlansStore::LoadRecommendation(tx.db(), who.tenant, key));
  if (!found) return NotFound(req.recommendation().name());
  ASSURE_RETURN_IF_ERROR(CheckEtag(req.recommendation().etag(), found->etag(), found->name()));
  v1::Recommendation r = *found;
  ASSURE_RETURN_IF_ERROR(
      ApplyFieldMask(req.recommendation(), req.update_mask(),
                     {"number", "text", "priority", "residual_risk", "management_response",
                      "responsible_officers", "agreed_date"},
                     &r));
  ASSURE_RETURN_IF_ERROR(ValidateRecommendation(r));
  *r.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(ActionPlansStore::SaveRecommendation(tx.db(), who.tenant, key, r));
  if (r.priority() != found->priority()) {
    ActionQuery q;
    q.plan = key.plan;
    q.limit = 1 << 30;
    ASSURE_ASSIGN_OR_RETURN(auto actions, ActionPlansStore::ListActions(tx.db(), who.tenant, q));
    for (const auto& before : actions) {
      if (before.recommendation() != r.name()) continue;
      v1::Action after = before;
      after.set_priority(r.priority());
      ASSURE_ASSIGN_OR_RETURN(auto action_key, ParseActionName(before.name(), "name"));
      ASSURE_RETURN_IF_ERROR(SaveAction(tx, who.tenant, action_key, before, after));
    }
  }
  ASSURE_RETURN_IF_ERROR(
      store::RecordAccess(tx.db(), who, "UpdateRecommendation", r.name(), clock_.Now()));
  return r;
}

ActionPlansService::Reactor* ActionPlansService::UpdateRecommendation(
    Ctx* ctx, const v1::UpdateRecommendationRequest* req, v1::Recommendation* out) {
  auto who = Caller(ctx, *req, roles::kPlanners, "UpdateRecommendation");
  if (!who.ok()) return Reply(ctx, who.status());
  return Change<v1::Recommendation>(
      ctx, *who, *req, "UpdateRecommendation",
      [this, who = *who, req = *req](Tx& tx) { return UpdateRecommendationTx(tx, who, req); }, out);
}

}  // namespace assure::actionplans
