// ActionPlansService: findings from the other services, received exactly once by the
// sender's id through its outbox, placed as a recommendation on the plan for their source,
// or kept with the reason they could not be until someone places them.
#include "absl/strings/str_cat.h"
#include "protos/assure/actionplans/v1/names.h"
#include "services/actionplans/metrics.h"
#include "services/actionplans/roles.h"
#include "services/actionplans/service.h"
#include "services/actionplans/validation.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::actionplans {

absl::StatusOr<v1::Plan> ActionPlansService::PlanFor(Connection& db, const std::string& tenant,
                                                     const v1::ActionPlanSettings& settings,
                                                     v1::FindingSource source) const {
  for (const auto& route : settings.finding_routes()) {
    if (route.source() != source) continue;
    ASSURE_ASSIGN_OR_RETURN(auto id, ParsePlanName(route.plan(), "finding_routes.plan"));
    return PlanOf(db, tenant, id, true);
  }
  const v1::PlanSource kind = PlanSourceFor(source);
  ASSURE_ASSIGN_OR_RETURN(auto plan, ActionPlansStore::NewestOpenPlan(db, tenant, kind));
  if (plan) return *std::move(plan);
  return FailedRule("finding.no_plan",
                    absl::StrCat("no open plan of source ", v1::PlanSource_Name(kind),
                                 " and no route for ", v1::FindingSource_Name(source),
                                 " in actionPlanSettings: create one, or place the finding"));
}

absl::Status ActionPlansService::Place(Tx& tx, const std::string& tenant, v1::Finding& f,
                                       const v1::Plan& plan) const {
  ASSURE_ASSIGN_OR_RETURN(auto plan_id, ParsePlanName(plan.name(), "plan"));
  v1::Recommendation r;
  r.set_kind(v1::RECOMMENDATION_KIND_RECOMMENDATION);
  r.set_number(absl::StrCat("from ", f.source_record()));
  r.set_text(absl::StrCat(f.title(), "\n\n", f.text()));
  r.set_priority(static_cast<v1::Priority>(f.priority()));
  r.set_finding(f.name());
  r.set_finding_source(f.source());
  r.set_source_record(f.source_record());
  r.set_created_by(f.raised_by());
  *r.mutable_create_time() = ToProto(clock_.Now());
  *r.mutable_update_time() = r.create_time();
  ASSURE_RETURN_IF_ERROR(ActionPlansStore::InsertRecommendation(tx.db(), tenant, plan_id, r));
  f.set_plan(plan.name());
  f.set_recommendation(r.name());
  f.clear_placement_error();
  return absl::OkStatus();
}

absl::StatusOr<v1::Finding> ActionPlansService::ReceiveFinding(
    Tx& tx, const Principal& who, const v1::CreateFindingRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto found,
                          ActionPlansStore::LoadFinding(tx.db(), who.tenant, req.finding_id()));
  if (found) return *std::move(found);  // sent before: one finding, whatever the request id
  v1::Finding f = req.finding();
  f.set_name(FindingName(req.finding_id()));
  if (f.raised_by().empty()) f.set_raised_by(who.subject);
  if (!f.has_raise_time()) *f.mutable_raise_time() = ToProto(clock_.Now());
  f.clear_plan();
  f.clear_recommendation();
  *f.mutable_receive_time() = ToProto(clock_.Now());
  ASSURE_ASSIGN_OR_RETURN(auto settings, SettingsOf(tx.db(), who.tenant));
  auto plan = PlanFor(tx.db(), who.tenant, settings, f.source());
  if (plan.ok()) {
    ASSURE_RETURN_IF_ERROR(Place(tx, who.tenant, f, *plan));
  } else if (plan.status().code() == absl::StatusCode::kFailedPrecondition ||
             plan.status().code() == absl::StatusCode::kNotFound) {
    f.set_placement_error(std::string(plan.status().message()));
    ASSURE_RETURN_IF_ERROR(ActionPlansMetrics::Unplaced(tx, who.tenant, +1));
  } else {
    return plan.status();
  }
  ASSURE_RETURN_IF_ERROR(
      ActionPlansStore::SaveFinding(tx.db(), who.tenant, req.finding_id(), f, true));
  ASSURE_RETURN_IF_ERROR(
      store::RecordAccess(tx.db(), who, "CreateFinding", f.name(), clock_.Now()));
  return f;
}

ActionPlansService::Reactor* ActionPlansService::CreateFinding(Ctx* ctx,
                                                               const v1::CreateFindingRequest* req,
                                                               v1::Finding* out) {
  auto who = Caller(ctx, *req, roles::kRaisers, "CreateFinding");
  if (!who.ok()) return Reply(ctx, who.status());
  if (!IsValidId(req->finding_id())) {
    return Reply(ctx, InvalidField("finding_id", "is required: 1-64 of [A-Za-z0-9._-]"));
  }
  if (auto st = ValidateFinding(req->finding()); !st.ok()) return Reply(ctx, st);
  return Change<v1::Finding>(
      ctx, *who, *req, "CreateFinding",
      [this, who = *who, req = *req](Tx& tx) { return ReceiveFinding(tx, who, req); }, out);
}

ActionPlansService::Reactor* ActionPlansService::GetFinding(Ctx* ctx,
                                                            const v1::GetFindingRequest* req,
                                                            v1::Finding* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetFinding");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseFindingName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto f, ActionPlansStore::LoadFinding(db, who->tenant, *id));
    if (!f) return NotFound(req->name());
    *out = *std::move(f);
    return absl::OkStatus();
  });
  return ReplyRead(ctx, *who, "GetFinding", {req->name()}, st);
}

ActionPlansService::Reactor* ActionPlansService::ListFindings(Ctx* ctx,
                                                              const v1::ListFindingsRequest* req,
                                                              v1::ListFindingsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListFindings");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"placed"}));
    ASSURE_ASSIGN_OR_RETURN(auto placed, BoolTerm(terms, "placed"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), req->filter()));
    std::string after_id;
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(after_id, ParseFindingName(after, "page_token"));
    }
    std::vector<v1::Finding> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(
          rows, ActionPlansStore::ListFindings(db, who->tenant, placed, after_id, size + 1));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, req->filter(), [](const v1::Finding& f) { return f.name(); });
    for (auto& f : rows) {
      read.push_back(f.name());
      *out->add_findings() = std::move(f);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListFindings", std::move(read), st);
}

ActionPlansService::Reactor* ActionPlansService::PlaceFinding(Ctx* ctx,
                                                              const v1::PlaceFindingRequest* req,
                                                              v1::Finding* out) {
  auto who = Caller(ctx, *req, roles::kPlanners, "PlaceFinding");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseFindingName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto plan_id = ParsePlanName(req->plan(), "plan");
  if (!plan_id.ok()) return Reply(ctx, plan_id.status());
  return Change<v1::Finding>(
      ctx, *who, *req, "PlaceFinding",
      [this, who = *who, id = *id, plan_id = *plan_id](Tx& tx) -> absl::StatusOr<v1::Finding> {
        ASSURE_ASSIGN_OR_RETURN(auto f, ActionPlansStore::LoadFinding(tx.db(), who.tenant, id));
        if (!f) return NotFound(FindingName(id));
        if (!f->plan().empty()) {
          return FailedRule("finding.placed", f->name() + " is already on " + f->plan());
        }
        ASSURE_ASSIGN_OR_RETURN(v1::Plan plan, PlanOf(tx.db(), who.tenant, plan_id, true));
        ASSURE_RETURN_IF_ERROR(Place(tx, who.tenant, *f, plan));
        ASSURE_RETURN_IF_ERROR(ActionPlansMetrics::Unplaced(tx, who.tenant, -1));
        ASSURE_RETURN_IF_ERROR(ActionPlansStore::SaveFinding(tx.db(), who.tenant, id, *f, false));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "PlaceFinding", f->name(), clock_.Now()));
        return *std::move(f);
      },
      out);
}

}  // namespace assure::actionplans
