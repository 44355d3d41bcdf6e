// The gRPC handlers of assure.actionplans.v1.ActionPlansService. Each handler authorises the
// caller, validates the request, then either reads (answering at once) or queues its change
// to the store's shared transaction (answering after the commit). Rules live in the pure
// files beside this one (plan_life, action_life, update_cycle, board_report, validation);
// SQL lives in store.cc.
#ifndef ASSURE_SERVICES_ACTIONPLANS_SERVICE_H_
#define ASSURE_SERVICES_ACTIONPLANS_SERVICE_H_

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "assure/actionplans/v1/actionplans_service.grpc.pb.h"
#include "services/actionplans/live_figures.h"
#include "services/actionplans/plan_life.h"
#include "services/actionplans/store.h"
#include "services/common/clock.h"
#include "services/common/outbox.h"
#include "services/common/principal.h"
#include "services/common/routes.h"
#include "services/common/store/store.h"
#include "services/common/unary_call.h"
#include "services/common/working_days.h"

namespace assure::actionplans {

class ActionPlansService final : public v1::ActionPlansService::CallbackService {
 public:
  static constexpr char kName[] = "assure.actionplans.v1.ActionPlansService";

  // `calendar` dates an inspection's statement of action; `routes` lead to the services
  // whose figures success measures are read against.
  // `outbox` takes the events the update cycle publishes to the feed.
  ActionPlansService(store::Store& store, const WorkingDays& calendar, const Clock& clock,
                     const Routes& routes, Outbox& outbox);

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* CreateFinding(Ctx*, const v1::CreateFindingRequest*, v1::Finding*) override;
  Reactor* GetFinding(Ctx*, const v1::GetFindingRequest*, v1::Finding*) override;
  Reactor* ListFindings(Ctx*, const v1::ListFindingsRequest*, v1::ListFindingsResponse*) override;
  Reactor* PlaceFinding(Ctx*, const v1::PlaceFindingRequest*, v1::Finding*) override;

  Reactor* CreatePlan(Ctx*, const v1::CreatePlanRequest*, v1::Plan*) override;
  Reactor* GetPlan(Ctx*, const v1::GetPlanRequest*, v1::Plan*) override;
  Reactor* ListPlans(Ctx*, const v1::ListPlansRequest*, v1::ListPlansResponse*) override;
  Reactor* UpdatePlan(Ctx*, const v1::UpdatePlanRequest*, v1::Plan*) override;
  Reactor* AgreePlan(Ctx*, const v1::AgreePlanRequest*, v1::Plan*) override;
  Reactor* StartDelivery(Ctx*, const v1::StartDeliveryRequest*, v1::Plan*) override;
  Reactor* ClosePlan(Ctx*, const v1::ClosePlanRequest*, v1::Plan*) override;

  Reactor* CreateRecommendation(Ctx*, const v1::CreateRecommendationRequest*,
                                v1::Recommendation*) override;
  Reactor* ListRecommendations(Ctx*, const v1::ListRecommendationsRequest*,
                               v1::ListRecommendationsResponse*) override;
  Reactor* UpdateRecommendation(Ctx*, const v1::UpdateRecommendationRequest*,
                                v1::Recommendation*) override;

  Reactor* CreateAction(Ctx*, const v1::CreateActionRequest*, v1::Action*) override;
  Reactor* GetAction(Ctx*, const v1::GetActionRequest*, v1::Action*) override;
  Reactor* ListActions(Ctx*, const v1::ListActionsRequest*, v1::ListActionsResponse*) override;
  Reactor* ChangeTargetDate(Ctx*, const v1::ChangeTargetDateRequest*, v1::Action*) override;
  Reactor* ReassignAction(Ctx*, const v1::ReassignActionRequest*, v1::Action*) override;
  Reactor* CompleteAction(Ctx*, const v1::CompleteActionRequest*, v1::Action*) override;
  Reactor* AddActionUpdate(Ctx*, const v1::AddActionUpdateRequest*, v1::ActionUpdate*) override;
  Reactor* ListActionUpdates(Ctx*, const v1::ListActionUpdatesRequest*,
                             v1::ListActionUpdatesResponse*) override;
  Reactor* RecordFollowUp(Ctx*, const v1::RecordFollowUpRequest*, v1::FollowUp*) override;
  Reactor* ListFollowUps(Ctx*, const v1::ListFollowUpsRequest*,
                         v1::ListFollowUpsResponse*) override;

  Reactor* ListUpdateRequests(Ctx*, const v1::ListUpdateRequestsRequest*,
                              v1::ListUpdateRequestsResponse*) override;
  Reactor* GetBoardReport(Ctx*, const v1::GetBoardReportRequest*, v1::BoardReport*) override;

  Reactor* GetActionPlanSettings(Ctx*, const v1::GetActionPlanSettingsRequest*,
                                 v1::ActionPlanSettings*) override;
  Reactor* UpdateActionPlanSettings(Ctx*, const v1::UpdateActionPlanSettingsRequest*,
                                    v1::ActionPlanSettings*) override;
  Reactor* ListActionPlanSettingsRevisions(Ctx*, const v1::ListActionPlanSettingsRevisionsRequest*,
                                           v1::ListActionPlanSettingsRevisionsResponse*) override;

  // The update cycle (service_cycle.cc), on the injected clock: each open action's month's
  // ask, reminders and escalation, and overdue High-priority actions escalated, each change
  // committed like a person's, by "system:update-cycle"; then every tenant's updates owed
  // counted for the board. Returns how many actions it changed something for. Run by a
  // ticker; tests call it directly.
  int RunUpdateCycle();

 private:
  using Tx = store::Tx;
  using Roles = std::vector<absl::string_view>;
  // One step of an action's life, on the stored action, in its plan.
  struct StepContext {
    Tx& tx;
    const Principal& who;
    const Actor& by;
    const v1::Plan& plan;
  };
  using ActionStep = std::function<absl::Status(const StepContext&, v1::Action&)>;
  using PlanStep = std::function<absl::Status(Tx&, const Principal&, const Actor&, v1::Plan&)>;

  // Plumbing shared by the handlers (service.cc).
  absl::StatusOr<Principal> Caller(Ctx* ctx, const google::protobuf::Message& request,
                                   const Roles& roles, const char* method) const;
  template <typename Response>
  Reactor* Change(Ctx* ctx, const Principal& who, const google::protobuf::Message& request,
                  const char* method, std::function<absl::StatusOr<Response>(Tx&)> change,
                  Response* out) {
    return WriteOnce<Response>(ctx, store_, clock_, WriteKeyOf(who, request, kName, method),
                               std::move(change), out);
  }
  // Answers a read of `resources` once their access records are durable.
  Reactor* ReplyRead(Ctx* ctx, const Principal& who, const char* method,
                     std::vector<std::string> resources, const absl::Status& status) const;
  absl::CivilDay Today() const;
  // The tenant's actionPlanSettings in force (the defaults until first saved)
  // (service_settings.cc).
  absl::StatusOr<v1::ActionPlanSettings> SettingsOf(Connection& db,
                                                    const std::string& tenant) const;
  // The plan `id`, NOT_FOUND if there is none, plan.closed if `open` and it is closed.
  absl::StatusOr<v1::Plan> PlanOf(Connection& db, const std::string& tenant, const std::string& id,
                                  bool open) const;

  // Plans (service_plans.cc): every step of a plan's life through ChangePlan, with its etag.
  Reactor* ChangePlan(Ctx* ctx, const google::protobuf::Message& request, const Roles& roles,
                      const char* method, const std::string& name, const std::string& etag,
                      PlanStep step, v1::Plan* out);
  // The plan's output fields that follow from its inputs: the statement of action's due date.
  absl::Status Derive(v1::Plan& p) const;
  absl::StatusOr<v1::Plan> CreatePlanTx(Tx& tx, const Principal& who,
                                        const v1::CreatePlanRequest& req) const;
  // INVALID_ARGUMENT or NOT_FOUND unless every linked plan is another of the tenant's.
  absl::Status CheckLinks(Connection& db, const std::string& tenant, const v1::Plan& p) const;

  // Recommendations (service_recommendations.cc).
  absl::StatusOr<v1::Recommendation> UpdateRecommendationTx(
      Tx& tx, const Principal& who, const v1::UpdateRecommendationRequest& req) const;

  // Actions (service_actions.cc): every step through ChangeAction / ApplyActionStep, which
  // load the action and its plan, check the etag, run the step and save with its figures
  // and access record.
  Reactor* ChangeAction(Ctx* ctx, const google::protobuf::Message& request, const Roles& roles,
                        const char* method, const std::string& name, const std::string& etag,
                        ActionStep step, v1::Action* out);
  absl::StatusOr<v1::Action> ApplyActionStep(Tx& tx, const Principal& who, const PlanChild& key,
                                             const std::string& etag, const char* method,
                                             const ActionStep& step) const;
  absl::StatusOr<v1::Action> CreateActionTx(Tx& tx, const Principal& who,
                                            const v1::CreateActionRequest& req) const;
  // Saves `after` (changed from `before`) with its figures; an action leaving OPEN withdraws
  // its open update requests.
  absl::Status SaveAction(Tx& tx, const std::string& tenant, const PlanChild& key,
                          const v1::Action& before, v1::Action& after) const;
  // Every open request of the action answered by `update` (empty: withdrawn).
  absl::Status CloseRequests(Tx& tx, const std::string& tenant, const PlanChild& key,
                             const std::string& update) const;
  absl::StatusOr<v1::ActionUpdate> AddUpdateTx(Tx& tx, const Principal& who,
                                               const v1::AddActionUpdateRequest& req) const;
  absl::StatusOr<v1::FollowUp> RecordFollowUpTx(Tx& tx, const Principal& who,
                                                const v1::RecordFollowUpRequest& req) const;

  // Findings (service_findings.cc): received once by id, placed on the plan for their
  // source, or kept with the reason they could not be.
  absl::StatusOr<v1::Finding> ReceiveFinding(Tx& tx, const Principal& who,
                                             const v1::CreateFindingRequest& req) const;
  // The plan a finding from `source` goes to: the authority's route, else the newest open
  // plan of the matching source; an error saying why there is none.
  absl::StatusOr<v1::Plan> PlanFor(Connection& db, const std::string& tenant,
                                   const v1::ActionPlanSettings& settings,
                                   v1::FindingSource source) const;
  // `f` as a recommendation on `plan`, linked both ways.
  absl::Status Place(Tx& tx, const std::string& tenant, v1::Finding& f, const v1::Plan& plan) const;

  // The live figures `needed`, asked of reviews and audits as `who` for the twelve months to
  // `today`; `done` gets them (or why each could not be read) once every answer is in
  // (service_live_figures.cc).
  void ReadLiveFigures(const Principal& who, absl::CivilDay today,
                       const std::set<v1::LiveFigure>& needed,
                       std::function<void(LiveValues)> done) const;

  // The update cycle's work for one action, in its own write (service_cycle.cc).
  bool CycleAction(const TenantAction& t, const v1::ActionPlanSettings& settings,
                   absl::CivilDay today);
  void CountUpdatesOverdue(absl::CivilDay today);

  store::Store& store_;
  const WorkingDays& calendar_;
  const Clock& clock_;
  const Routes& routes_;
  Outbox& outbox_;
};

}  // namespace assure::actionplans

#endif  // ASSURE_SERVICES_ACTIONPLANS_SERVICE_H_
