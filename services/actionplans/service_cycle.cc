// ActionPlansService: the update cycle. Every open action due soon is asked for its monthly
// update, reminded until it comes, and escalated to the plan's owner when it does not; an
// overdue High-priority action is escalated too. Each change is recorded with who
// ("system:update-cycle"), and the asks are listed (ListUpdateRequests) for a client or a
// mail relay to send.
#include "absl/container/flat_hash_map.h"
#include "protos/assure/actionplans/v1/names.h"
#include "services/actionplans/metrics.h"
#include "services/actionplans/roles.h"
#include "services/actionplans/service.h"
#include "services/actionplans/update_cycle.h"
#include "services/common/dates.h"
#include "services/common/domain_events.h"
#include "services/common/errors.h"
#include "services/common/figures.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"

namespace assure::actionplans {
namespace {

constexpr char kCycleActor[] = "system:update-cycle";

// Nothing to record: the savepoint is undone rather than an unchanged row written.
absl::Status NothingToDo() { return absl::CancelledError("nothing due"); }

}  // namespace

int ActionPlansService::RunUpdateCycle() {
  const absl::CivilDay today = Today();
  std::vector<TenantAction> open;
  absl::flat_hash_map<std::string, v1::ActionPlanSettings> settings;
  auto found = store_.Read(store::kAllTenants, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(open, ActionPlansStore::EveryOpenAction(db));
    for (const auto& t : open) {
      if (settings.contains(t.tenant)) continue;
      ASSURE_ASSIGN_OR_RETURN(settings[t.tenant], SettingsOf(db, t.tenant));
    }
    return absl::OkStatus();
  });
  int changed = 0;
  if (found.ok()) {
    for (const auto& t : open) changed += CycleAction(t, settings[t.tenant], today);
  }
  CountUpdatesOverdue(today);
  return changed;
}

bool ActionPlansService::CycleAction(const TenantAction& t, const v1::ActionPlanSettings& settings,
                                     absl::CivilDay today) {
  auto st = store_.WriteAndWait(t.tenant, [&](Tx& tx) -> absl::Status {
    // Read again in the write: a person may have changed it since the scan.
    ASSURE_ASSIGN_OR_RETURN(auto a, ActionPlansStore::LoadAction(tx.db(), t.tenant, t.action));
    ASSURE_ASSIGN_OR_RETURN(auto plan,
                            ActionPlansStore::LoadPlan(tx.db(), t.tenant, t.action.plan));
    if (!a || !plan || !IsOpenPlan(*plan)) return NothingToDo();
    ASSURE_ASSIGN_OR_RETURN(auto latest,
                            ActionPlansStore::LatestRequest(tx.db(), t.tenant, t.action));
    const CycleStep step = NextStep(*a, latest ? &*latest : nullptr, settings, today);
    const bool escalate_overdue = HighOverdueToEscalate(*a, today);
    if (step == CycleStep::kNone && !escalate_overdue) return NothingToDo();
    const auto stamp = ToProto(clock_.Now());
    Principal cycle;
    cycle.subject = kCycleActor;
    cycle.tenant = t.tenant;
    auto publish = [&](const char* type, const std::string& subject) {
      return PublishEvent(outbox_, tx, cycle, {type, subject}, clock_.Now());
    };
    if (step == CycleStep::kAsk) {
      const std::string month = MonthOf(today);
      v1::UpdateRequest r = Ask(*a, UpdateRequestName(t.action, month), today);
      *r.mutable_update_time() = stamp;
      ASSURE_RETURN_IF_ERROR(ActionPlansStore::SaveRequest(tx.db(), t.tenant, t.action, month, r));
      ASSURE_RETURN_IF_ERROR(publish("actionplans.update.due", r.name()));
    } else if (step != CycleStep::kNone) {
      if (step == CycleStep::kEscalate) {
        Escalate(*latest, plan->owner(), today);
      } else {
        Remind(*latest, today);
      }
      *latest->mutable_update_time() = stamp;
      const std::string month(latest->name().substr(latest->name().rfind('/') + 1));
      ASSURE_RETURN_IF_ERROR(
          ActionPlansStore::SaveRequest(tx.db(), t.tenant, t.action, month, *latest));
      ASSURE_RETURN_IF_ERROR(publish(step == CycleStep::kEscalate ? "actionplans.update.escalated"
                                                                  : "actionplans.update.reminded",
                                     latest->name()));
    }
    if (escalate_overdue) {
      v1::Action after = *a;
      EscalateOverdue(after, plan->owner(), today);
      ASSURE_RETURN_IF_ERROR(SaveAction(tx, t.tenant, t.action, *a, after));
      ASSURE_RETURN_IF_ERROR(publish("actionplans.action.overdue", a->name()));
    }
    return absl::OkStatus();
  });
  return st.ok();
}

void ActionPlansService::CountUpdatesOverdue(absl::CivilDay today) {
  auto tenants = Figures::Tenants(store_);
  if (!tenants.ok()) return;
  for (const auto& tenant : *tenants) {
    int64_t overdue = 0;
    auto read = store_.Read(tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(auto settings, SettingsOf(db, tenant));
      ASSURE_ASSIGN_OR_RETURN(
          auto open, ActionPlansStore::ListRequests(db, tenant, v1::UPDATE_REQUEST_STATE_OPEN, "",
                                                    0, "", 1 << 30));
      for (const auto& r : open) overdue += UpdateOverdue(r, settings, today);
      return absl::OkStatus();
    });
    if (!read.ok()) continue;
    store_
        .WriteAndWait(
            tenant, [&](Tx& tx) { return ActionPlansMetrics::UpdatesOverdue(tx, tenant, overdue); })
        .IgnoreError();
  }
}

ActionPlansService::Reactor* ActionPlansService::ListUpdateRequests(
    Ctx* ctx, const v1::ListUpdateRequestsRequest* req, v1::ListUpdateRequestsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListUpdateRequests");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"state"}));
    ASSURE_ASSIGN_OR_RETURN(
        auto state, EnumTerm<v1::UpdateRequestState>(terms, "state", v1::UpdateRequestState_Parse,
                                                     "UPDATE_REQUEST_STATE_OPEN"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), req->filter()));
    // The token holds the last request's name: plans/{p}/actions/{n}/updateRequests/{month}.
    PlanChild after_action;
    std::string after_month;
    if (!after.empty()) {
      const size_t cut = after.rfind("/updateRequests/");
      if (cut == std::string::npos)
        return InvalidField("page_token", "is not a token this list gave");
      ASSURE_ASSIGN_OR_RETURN(after_action, ParseActionName(after.substr(0, cut), "page_token"));
      after_month = after.substr(cut + 16);
    }
    std::vector<v1::UpdateRequest> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(
          rows, ActionPlansStore::ListRequests(db, who->tenant, state, after_action.plan,
                                               after_action.n, after_month, size + 1));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, req->filter(), [](const v1::UpdateRequest& r) { return r.name(); });
    for (auto& r : rows) {
      read.push_back(r.action());
      *out->add_update_requests() = std::move(r);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListUpdateRequests", std::move(read), st);
}

}  // namespace assure::actionplans
