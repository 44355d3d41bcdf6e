// ActionPlansService: plans from draft to closed, every step through ChangePlan, and reading
// them back by state or source.
#include "protos/assure/actionplans/v1/names.h"
#include "services/actionplans/roles.h"
#include "services/actionplans/service.h"
#include "services/actionplans/validation.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_mask.h"
#include "services/common/listing.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::actionplans {

absl::Status ActionPlansService::Derive(v1::Plan& p) const {
  p.mutable_inspection()->clear_statement_due();
  const auto due = StatementDue(p, calendar_);
  if (!due) return absl::OkStatus();
  ASSURE_ASSIGN_OR_RETURN(*p.mutable_inspection()->mutable_statement_due(), DueToProto(*due));
  return absl::OkStatus();
}

absl::Status ActionPlansService::CheckLinks(Connection& db, const std::string& tenant,
                                            const v1::Plan& p) const {
  for (const auto& link : p.linked_plans()) {
    if (link == p.name())
      return InvalidField("plan.linked_plans", "a plan is not linked to itself");
    ASSURE_ASSIGN_OR_RETURN(auto id, ParsePlanName(link, "plan.linked_plans"));
    ASSURE_RETURN_IF_ERROR(PlanOf(db, tenant, id, false).status());
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Plan> ActionPlansService::CreatePlanTx(Tx& tx, const Principal& who,
                                                          const v1::CreatePlanRequest& req) const {
  const std::string id = req.plan_id().empty() ? NewResourceId("p-") : req.plan_id();
  ASSURE_ASSIGN_OR_RETURN(auto found, ActionPlansStore::LoadPlan(tx.db(), who.tenant, id));
  if (found) return AlreadyExists(PlanName(id));
  v1::Plan p = req.plan();
  p.set_name(PlanName(id));
  ASSURE_RETURN_IF_ERROR(CheckLinks(tx.db(), who.tenant, p));
  p.set_state(v1::PLAN_STATE_DRAFT);
  p.clear_agreed();
  p.clear_closed();
  p.clear_etag();
  p.set_created_by(who.subject);
  *p.mutable_create_time() = ToProto(clock_.Now());
  *p.mutable_update_time() = p.create_time();
  ASSURE_RETURN_IF_ERROR(Derive(p));
  ASSURE_RETURN_IF_ERROR(ActionPlansStore::SavePlan(tx.db(), who.tenant, id, p));
  ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, "CreatePlan", p.name(), clock_.Now()));
  return p;
}

ActionPlansService::Reactor* ActionPlansService::CreatePlan(Ctx* ctx,
                                                            const v1::CreatePlanRequest* req,
                                                            v1::Plan* out) {
  auto who = Caller(ctx, *req, roles::kPlanners, "CreatePlan");
  if (!who.ok()) return Reply(ctx, who.status());
  if (!req->plan_id().empty() && !IsValidId(req->plan_id())) {
    return Reply(ctx, InvalidField("plan_id", "must be 1-64 of [A-Za-z0-9._-]"));
  }
  if (auto st = ValidatePlan(req->plan(), Today()); !st.ok()) return Reply(ctx, st);
  return Change<v1::Plan>(
      ctx, *who, *req, "CreatePlan",
      [this, who = *who, req = *req](Tx& tx) { return CreatePlanTx(tx, who, req); }, out);
}

ActionPlansService::Reactor* ActionPlansService::GetPlan(Ctx* ctx, const v1::GetPlanRequest* req,
                                                         v1::Plan* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetPlan");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParsePlanName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(*out, PlanOf(db, who->tenant, *id, false));
    return absl::OkStatus();
  });
  return ReplyRead(ctx, *who, "GetPlan", {req->name()}, st);
}

ActionPlansService::Reactor* ActionPlansService::ListPlans(Ctx* ctx,
                                                           const v1::ListPlansRequest* req,
                                                           v1::ListPlansResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListPlans");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    PlanQuery q;
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"state", "source"}));
    ASSURE_ASSIGN_OR_RETURN(q.state, EnumTerm<v1::PlanState>(terms, "state", v1::PlanState_Parse,
                                                             "PLAN_STATE_IN_DELIVERY"));
    ASSURE_ASSIGN_OR_RETURN(q.source,
                            EnumTerm<v1::PlanSource>(terms, "source", v1::PlanSource_Parse,
                                                     "PLAN_SOURCE_INTERNAL_AUDIT"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), req->filter()));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(q.after_id, ParsePlanName(after, "page_token"));
    }
    q.limit = size + 1;
    std::vector<v1::Plan> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, ActionPlansStore::ListPlans(db, who->tenant, q));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, req->filter(), [](const v1::Plan& p) { return p.name(); });
    for (auto& p : rows) {
      read.push_back(p.name());
      *out->add_plans() = std::move(p);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListPlans", std::move(read), st);
}

ActionPlansService::Reactor* ActionPlansService::ChangePlan(
    Ctx* ctx, const google::protobuf::Message& request, const Roles& roles, const char* method,
    const std::string& name, const std::string& etag, PlanStep step, v1::Plan* out) {
  auto who = Caller(ctx, request, roles, method);
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParsePlanName(name, "name");
  if (!id.ok()) return Reply(ctx, id.status());
  return Change<v1::Plan>(
      ctx, *who, request, method,
      [this, who = *who, id = *id, etag, step = std::move(step),
       method](Tx& tx) -> absl::StatusOr<v1::Plan> {
        ASSURE_ASSIGN_OR_RETURN(v1::Plan p, PlanOf(tx.db(), who.tenant, id, true));
        ASSURE_RETURN_IF_ERROR(CheckEtag(etag, p.etag(), p.name()));
        const Actor by{who.subject, clock_.Now()};
        ASSURE_RETURN_IF_ERROR(step(tx, who, by, p));
        *p.mutable_update_time() = ToProto(by.now);
        ASSURE_RETURN_IF_ERROR(ActionPlansStore::SavePlan(tx.db(), who.tenant, id, p));
        ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, method, p.name(), by.now));
        return p;
      },
      out);
}

ActionPlansService::Reactor* ActionPlansService::UpdatePlan(Ctx* ctx,
                                                            const v1::UpdatePlanRequest* req,
                                                            v1::Plan* out) {
  const absl::CivilDay today = Today();
  PlanStep step = [this, req, today](Tx& tx, const Principal& who, const Actor&,
                                     v1::Plan& p) -> absl::Status {
    ASSURE_RETURN_IF_ERROR(
        ApplyFieldMask(req->plan(), req->update_mask(),
                       {"title", "source_reference", "source_date", "owning_service", "owner",
                        "board", "workstreams", "desired_outcomes", "success_measures",
                        "linked_plans", "dependencies", "inspection"},
                       &p));
    ASSURE_RETURN_IF_ERROR(ValidatePlan(p, today));
    ASSURE_RETURN_IF_ERROR(CheckLinks(tx.db(), who.tenant, p));
    return Derive(p);
  };
  return ChangePlan(ctx, *req, roles::kPlanners, "UpdatePlan", req->plan().name(),
                    req->plan().etag(), std::move(step), out);
}

ActionPlansService::Reactor* ActionPlansService::AgreePlan(Ctx* ctx,
                                                           const v1::AgreePlanRequest* req,
                                                           v1::Plan* out) {
  if (req->meeting().empty()) return Reply(ctx, InvalidField("meeting", "is required"));
  PlanStep step = [req](Tx&, const Principal&, const Actor& by, v1::Plan& p) {
    return Agree(p, req->meeting(), by);
  };
  return ChangePlan(ctx, *req, roles::kBoard, "AgreePlan", req->name(), req->etag(),
                    std::move(step), out);
}

ActionPlansService::Reactor* ActionPlansService::StartDelivery(Ctx* ctx,
                                                               const v1::StartDeliveryRequest* req,
                                                               v1::Plan* out) {
  PlanStep step = [](Tx&, const Principal&, const Actor&, v1::Plan& p) {
    return actionplans::StartDelivery(p);
  };
  return ChangePlan(ctx, *req, roles::kPlanners, "StartDelivery", req->name(), req->etag(),
                    std::move(step), out);
}

ActionPlansService::Reactor* ActionPlansService::ClosePlan(Ctx* ctx,
                                                           const v1::ClosePlanRequest* req,
                                                           v1::Plan* out) {
  if (req->meeting().empty()) return Reply(ctx, InvalidField("meeting", "is required"));
  PlanStep step = [req](Tx& tx, const Principal& who, const Actor& by,
                        v1::Plan& p) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto id, ParsePlanName(p.name(), "name"));
    ASSURE_ASSIGN_OR_RETURN(int64_t open, ActionPlansStore::OpenActions(tx.db(), who.tenant, id));
    return Close(p, open, req->meeting(), by);
  };
  return ChangePlan(ctx, *req, roles::kBoard, "ClosePlan", req->name(), req->etag(),
                    std::move(step), out);
}

}  // namespace assure::actionplans
