// ActionPlansService: SMART actions, every step of their life through ChangeAction, and
// reading them back across plans by state, priority or team.
#include "absl/strings/numbers.h"
#include "protos/assure/actionplans/v1/names.h"
#include "services/actionplans/action_life.h"
#include "services/actionplans/metrics.h"
#include "services/actionplans/roles.h"
#include "services/actionplans/service.h"
#include "services/actionplans/validation.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"
#include "services/common/text.h"

namespace assure::actionplans {
namespace {

absl::Status RequiredReason(const std::string& reason) {
  if (reason.empty() || !IsValidUtf8(reason)) return InvalidField("reason", "is required text");
  return absl::OkStatus();
}

}  // namespace

absl::Status ActionPlansService::SaveAction(Tx& tx, const std::string& tenant, const PlanChild& key,
                                            const v1::Action& before, v1::Action& after) const {
  *after.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(ActionPlansStore::SaveAction(tx.db(), tenant, key, after));
  ASSURE_RETURN_IF_ERROR(ActionPlansMetrics::Changed(tx, tenant, &before, after));
  if (IsOpen(before) && !IsOpen(after)) return CloseRequests(tx, tenant, key, "");
  return absl::OkStatus();
}

absl::Status ActionPlansService::CloseRequests(Tx& tx, const std::string& tenant,
                                               const PlanChild& key,
                                               const std::string& update) const {
  ASSURE_ASSIGN_OR_RETURN(auto open, ActionPlansStore::OpenRequestsOf(tx.db(), tenant, key));
  for (auto& r : open) {
    const std::string month(r.name().substr(r.name().rfind('/') + 1));
    if (update.empty()) {
      r.set_state(v1::UPDATE_REQUEST_STATE_WITHDRAWN);
    } else {
      r.set_state(v1::UPDATE_REQUEST_STATE_ANSWERED);
      r.set_answered_by(update);
    }
    *r.mutable_update_time() = ToProto(clock_.Now());
    ASSURE_RETURN_IF_ERROR(ActionPlansStore::SaveRequest(tx.db(), tenant, key, month, r));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Action> ActionPlansService::CreateActionTx(
    Tx& tx, const Principal& who, const v1::CreateActionRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto plan, ParsePlanName(req.parent(), "parent"));
  ASSURE_RETURN_IF_ERROR(PlanOf(tx.db(), who.tenant, plan, true).status());
  v1::Action a = req.action();
  a.set_priority(v1::PRIORITY_MEDIUM);
  if (!a.recommendation().empty()) {
    ASSURE_ASSIGN_OR_RETURN(auto key,
                            ParseRecommendationName(a.recommendation(), "action.recommendation"));
    if (key.plan != plan) {
      return InvalidField("action.recommendation", "must be one of the same plan's");
    }
    ASSURE_ASSIGN_OR_RETURN(auto r, ActionPlansStore::LoadRecommendation(tx.db(), who.tenant, key));
    if (!r) return NotFound(a.recommendation());
    a.set_priority(r->priority());
  }
  a.set_state(v1::ACTION_STATE_OPEN);
  *a.mutable_original_target_date() = a.target_date();
  a.clear_target_date_changes();
  a.clear_slips();
  a.clear_reassignments();
  a.clear_last_update_date();
  a.clear_follow_up_status();
  a.clear_evidence();
  a.clear_verified_by();
  a.clear_completed_date();
  a.clear_escalations();
  a.set_created_by(who.subject);
  *a.mutable_create_time() = ToProto(clock_.Now());
  *a.mutable_update_time() = a.create_time();
  ASSURE_RETURN_IF_ERROR(ActionPlansStore::InsertAction(tx.db(), who.tenant, plan, a));
  ASSURE_RETURN_IF_ERROR(ActionPlansMetrics::Changed(tx, who.tenant, nullptr, a));
  ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, "CreateAction", a.name(), clock_.Now()));
  return a;
}

ActionPlansService::Reactor* ActionPlansService::CreateAction(Ctx* ctx,
                                                              const v1::CreateActionRequest* req,
                                                              v1::Action* out) {
  auto who = Caller(ctx, *req, roles::kPlanners, "CreateAction");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateAction(req->action()); !st.ok()) return Reply(ctx, st);
  return Change<v1::Action>(
      ctx, *who, *req, "CreateAction",
      [this, who = *who, req = *req](Tx& tx) { return CreateActionTx(tx, who, req); }, out);
}

ActionPlansService::Reactor* ActionPlansService::GetAction(Ctx* ctx,
                                                           const v1::GetActionRequest* req,
                                                           v1::Action* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetAction");
  if (!who.ok()) return Reply(ctx, who.status());
  auto key = ParseActionName(req->name(), "name");
  if (!key.ok()) return Reply(ctx, key.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto a, ActionPlansStore::LoadAction(db, who->tenant, *key));
    if (!a) return NotFound(req->name());
    *out = *std::move(a);
    return absl::OkStatus();
  });
  return ReplyRead(ctx, *who, "GetAction", {req->name()}, st);
}

ActionPlansService::Reactor* ActionPlansService::ListActions(Ctx* ctx,
                                                             const v1::ListActionsRequest* req,
                                                             v1::ListActionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListActions");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ActionQuery q;
    ASSURE_ASSIGN_OR_RETURN(q.plan, ParsePlanParent(req->parent(), "parent", true));
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"state", "priority", "team"}));
    ASSURE_ASSIGN_OR_RETURN(
        q.state,
        EnumTerm<v1::ActionState>(terms, "state", v1::ActionState_Parse, "ACTION_STATE_OPEN"));
    ASSURE_ASSIGN_OR_RETURN(
        q.priority, EnumTerm<v1::Priority>(terms, "priority", v1::Priority_Parse, "PRIORITY_HIGH"));
    if (auto it = terms.find("team"); it != terms.end()) q.team = it->second;
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    const std::string query = req->parent() + "?" + req->filter();
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(auto key, ParseActionName(after, "page_token"));
      q.after_plan = key.plan;
      q.after_seq = key.n;
    }
    q.limit = size + 1;
    std::vector<v1::Action> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, ActionPlansStore::ListActions(db, who->tenant, q));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, query, [](const v1::Action& a) { return a.name(); });
    for (auto& a : rows) {
      read.push_back(a.name());
      *out->add_actions() = std::move(a);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListActions", std::move(read), st);
}

ActionPlansService::Reactor* ActionPlansService::ChangeAction(
    Ctx* ctx, const google::protobuf::Message& request, const Roles& roles, const char* method,
    const std::string& name, const std::string& etag, ActionStep step, v1::Action* out) {
  auto who = Caller(ctx, request, roles, method);
  if (!who.ok()) return Reply(ctx, who.status());
  auto key = ParseActionName(name, "name");
  if (!key.ok()) return Reply(ctx, key.status());
  return Change<v1::Action>(
      ctx, *who, request, method,
      [this, who = *who, key = *key, etag, step = std::move(step), method](Tx& tx) {
        return ApplyActionStep(tx, who, key, etag, method, step);
      },
      out);
}

absl::StatusOr<v1::Action> ActionPlansService::ApplyActionStep(Tx& tx, const Principal& who,
                                                               const PlanChild& key,
                                                               const std::string& etag,
                                                               const char* method,
                                                               const ActionStep& step) const {
  ASSURE_ASSIGN_OR_RETURN(v1::Plan plan, PlanOf(tx.db(), who.tenant, key.plan, true));
  ASSURE_ASSIGN_OR_RETURN(auto found, ActionPlansStore::LoadAction(tx.db(), who.tenant, key));
  if (!found) return NotFound(ActionName(key.plan, key.n));
  ASSURE_RETURN_IF_ERROR(CheckEtag(etag, found->etag(), found->name()));
  const Actor by{who.subject, clock_.Now()};
  v1::Action a = *found;
  ASSURE_RETURN_IF_ERROR(step({tx, who, by, plan}, a));
  ASSURE_RETURN_IF_ERROR(SaveAction(tx, who.tenant, key, *found, a));
  ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, method, a.name(), by.now));
  return a;
}

ActionPlansService::Reactor* ActionPlansService::ChangeTargetDate(
    Ctx* ctx, const v1::ChangeTargetDateRequest* req, v1::Action* out) {
  FieldViolations v;
  CheckDate(req->target_date(), "target_date", true, v);
  if (req->reason().empty() || !IsValidUtf8(req->reason())) v.Add("reason", "is required text");
  if (auto st = v.ToStatus(); !st.ok()) return Reply(ctx, st);
  ActionStep step = [req](const StepContext& at, v1::Action& a) {
    return ChangeTarget(a, *DayOf(req->target_date()), req->reason(), at.by);
  };
  return ChangeAction(ctx, *req, roles::kPlanners, "ChangeTargetDate", req->name(), req->etag(),
                      std::move(step), out);
}

ActionPlansService::Reactor* ActionPlansService::ReassignAction(
    Ctx* ctx, const v1::ReassignActionRequest* req, v1::Action* out) {
  v1::Action to;
  to.set_team(req->team());
  *to.mutable_responsible_officers() = req->responsible_officers();
  FieldViolations v;
  if (req->team().empty() || !IsPlainText(req->team())) v.Add("team", "is required, one line");
  if (to.responsible_officers().empty()) v.Add("responsible_officers", "needs a staff id");
  if (auto st = RequiredReason(req->reason()); !st.ok()) v.Add("reason", "is required text");
  if (auto st = v.ToStatus(); !st.ok()) return Reply(ctx, st);
  ActionStep step = [req](const StepContext& at, v1::Action& a) {
    return Reassign(a, req->team(),
                    {req->responsible_officers().begin(), req->responsible_officers().end()},
                    req->reason(), at.by);
  };
  return ChangeAction(ctx, *req, roles::kPlanners, "ReassignAction", req->name(), req->etag(),
                      std::move(step), out);
}

ActionPlansService::Reactor* ActionPlansService::CompleteAction(
    Ctx* ctx, const v1::CompleteActionRequest* req, v1::Action* out) {
  const absl::CivilDay today = Today();
  ActionStep step = [req, today](const StepContext& at, v1::Action& a) {
    return Complete(a, {req->evidence().begin(), req->evidence().end()}, at.by, today);
  };
  return ChangeAction(ctx, *req, roles::kTesters, "CompleteAction", req->name(), req->etag(),
                      std::move(step), out);
}

absl::StatusOr<v1::ActionUpdate> ActionPlansService::AddUpdateTx(
    Tx& tx, const Principal& who, const v1::AddActionUpdateRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto key, ParseActionName(req.parent(), "parent"));
  v1::ActionUpdate u = req.update();
  const absl::CivilDay day = *DayOf(u.update_date());
  ActionStep step = [day](const StepContext&, v1::Action& a) -> absl::Status {
    if (!IsOpen(a)) return FailedRule("action.open", "the action is completed or superseded");
    const auto last = DayOf(a.last_update_date());
    if (!last || day > *last) *a.mutable_last_update_date() = ToProto(day);
    return absl::OkStatus();
  };
  ASSURE_RETURN_IF_ERROR(ApplyActionStep(tx, who, key, "", "AddActionUpdate", step).status());
  u.set_given_by(who.subject);
  *u.mutable_create_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(ActionPlansStore::InsertUpdate(tx.db(), who.tenant, key, u));
  ASSURE_RETURN_IF_ERROR(CloseRequests(tx, who.tenant, key, u.name()));
  return u;
}

ActionPlansService::Reactor* ActionPlansService::AddActionUpdate(
    Ctx* ctx, const v1::AddActionUpdateRequest* req, v1::ActionUpdate* out) {
  auto who = Caller(ctx, *req, roles::kOfficers, "AddActionUpdate");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateUpdate(req->update(), Today()); !st.ok()) return Reply(ctx, st);
  return Change<v1::ActionUpdate>(
      ctx, *who, *req, "AddActionUpdate",
      [this, who = *who, req = *req](Tx& tx) { return AddUpdateTx(tx, who, req); }, out);
}

absl::StatusOr<v1::FollowUp> ActionPlansService::RecordFollowUpTx(
    Tx& tx, const Principal& who, const v1::RecordFollowUpRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto key, ParseActionName(req.parent(), "parent"));
  v1::FollowUp f = req.follow_up();
  ActionStep step = [&f](const StepContext& at, v1::Action& a) {
    return ApplyFollowUp(a, f, at.by);
  };
  ASSURE_RETURN_IF_ERROR(ApplyActionStep(tx, who, key, "", "RecordFollowUp", step).status());
  f.set_tested_by(who.subject);
  *f.mutable_create_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(ActionPlansStore::InsertFollowUp(tx.db(), who.tenant, key, f));
  return f;
}

ActionPlansService::Reactor* ActionPlansService::RecordFollowUp(
    Ctx* ctx, const v1::RecordFollowUpRequest* req, v1::FollowUp* out) {
  auto who = Caller(ctx, *req, roles::kTesters, "RecordFollowUp");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateFollowUp(req->follow_up()); !st.ok()) return Reply(ctx, st);
  return Change<v1::FollowUp>(
      ctx, *who, *req, "RecordFollowUp",
      [this, who = *who, req = *req](Tx& tx) { return RecordFollowUpTx(tx, who, req); }, out);
}

namespace {

// The updates or follow-ups of one action, oldest first: `list` reads a page after number n.
template <typename Item, typename Request, typename Response, typename List>
absl::Status ListOfAction(store::Store& store, const Principal& who, const Request& req,
                          Response* out, google::protobuf::RepeatedPtrField<Item>* items,
                          List list) {
  ASSURE_ASSIGN_OR_RETURN(auto key, ParseActionName(req.parent(), "parent"));
  ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req.page_size()));
  ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req.page_token(), req.parent()));
  int64_t after_m = 0;
  if (!after.empty() && !absl::SimpleAtoi(after, &after_m)) {
    return InvalidField("page_token", "is not a token this list gave");
  }
  std::vector<Item> rows;
  ASSURE_RETURN_IF_ERROR(store.Read(who.tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto a, ActionPlansStore::LoadAction(db, who.tenant, key));
    if (!a) return NotFound(req.parent());
    ASSURE_ASSIGN_OR_RETURN(rows, list(db, who.tenant, key, after_m, size + 1));
    return absl::OkStatus();
  }));
  out->set_next_page_token(TrimPage(rows, size, req.parent(), [](const Item& i) {
    return i.name().substr(i.name().rfind('/') + 1);
  }));
  for (auto& r : rows) *items->Add() = std::move(r);
  return absl::OkStatus();
}

}  // namespace

ActionPlansService::Reactor* ActionPlansService::ListActionUpdates(
    Ctx* ctx, const v1::ListActionUpdatesRequest* req, v1::ListActionUpdatesResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListActionUpdates");
  if (!who.ok()) return Reply(ctx, who.status());
  auto st = ListOfAction<v1::ActionUpdate>(store_, *who, *req, out, out->mutable_updates(),
                                           ActionPlansStore::ListUpdates);
  return ReplyRead(ctx, *who, "ListActionUpdates", {req->parent()}, st);
}

ActionPlansService::Reactor* ActionPlansService::ListFollowUps(Ctx* ctx,
                                                               const v1::ListFollowUpsRequest* req,
                                                               v1::ListFollowUpsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListFollowUps");
  if (!who.ok()) return Reply(ctx, who.status());
  auto st = ListOfAction<v1::FollowUp>(store_, *who, *req, out, out->mutable_follow_ups(),
                                       ActionPlansStore::ListFollowUps);
  return ReplyRead(ctx, *who, "ListFollowUps", {req->parent()}, st);
}

}  // namespace assure::actionplans
