// ActionPlansService: the board's report, computed by one function (board_report.h) from
// every plan, action and open update request of the tenant, or of one plan.
#include "protos/assure/actionplans/v1/names.h"
#include "services/actionplans/board_report.h"
#include "services/actionplans/live_figures.h"
#include "services/actionplans/roles.h"
#include "services/actionplans/service.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::actionplans {

ActionPlansService::Reactor* ActionPlansService::GetBoardReport(
    Ctx* ctx, const v1::GetBoardReportRequest* req, v1::BoardReport* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetBoardReport");
  if (!who.ok()) return Reply(ctx, who.status());
  std::string plan;
  if (!req->plan().empty()) {
    auto id = ParsePlanName(req->plan(), "plan");
    if (!id.ok()) return Reply(ctx, id.status());
    plan = *id;
  }
  BoardRecords records;
  records.today = Today();
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(records.settings, SettingsOf(db, who->tenant));
    if (plan.empty()) {
      PlanQuery q;
      q.limit = 1 << 30;
      ASSURE_ASSIGN_OR_RETURN(records.plans, ActionPlansStore::ListPlans(db, who->tenant, q));
    } else {
      ASSURE_ASSIGN_OR_RETURN(auto p, PlanOf(db, who->tenant, plan, false));
      records.plans.push_back(std::move(p));
    }
    ActionQuery q;
    q.plan = plan;
    q.limit = 1 << 30;
    ASSURE_ASSIGN_OR_RETURN(records.actions, ActionPlansStore::ListActions(db, who->tenant, q));
    ASSURE_ASSIGN_OR_RETURN(
        auto open, ActionPlansStore::ListRequests(db, who->tenant, v1::UPDATE_REQUEST_STATE_OPEN,
                                                  "", 0, "", 1 << 30));
    for (auto& r : open) {
      const auto key = ParseActionName(r.action(), "action");
      if (plan.empty() || (key.ok() && key->plan == plan)) {
        records.open_requests.push_back(std::move(r));
      }
    }
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  auto* reactor = ctx->DefaultReactor();
  const std::set<v1::LiveFigure> needed = FiguresNamed(records.plans);
  const absl::CivilDay today = records.today;
  std::string resource = plan.empty() ? std::string("boardReport") : req->plan();
  ReadLiveFigures(
      *who, today, needed,
      [this, finish = FinishWith(reactor, *ctx), who = *who, out, resource,
       records = std::move(records)](LiveValues live) {
        *out = Report(records);
        ReadMeasures(records.plans, live, *out);
        store::RecordReadAccess(store_, who, "GetBoardReport", {resource}, clock_.Now(), finish);
      });
  return reactor;
}

}  // namespace assure::actionplans
