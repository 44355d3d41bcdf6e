#include "services/actionplans/service.h"

#include "protos/assure/actionplans/v1/names.h"
#include "services/common/admission.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace assure::actionplans {

ActionPlansService::ActionPlansService(store::Store& store, const WorkingDays& calendar,
                                       const Clock& clock, const Routes& routes, Outbox& outbox)
    : store_(store), calendar_(calendar), clock_(clock), routes_(routes), outbox_(outbox) {}

absl::StatusOr<Principal> ActionPlansService::Caller(Ctx* ctx,
                                                     const google::protobuf::Message& request,
                                                     const Roles& roles, const char* method) const {
  return AdmitCall(*ctx, request, roles, method);
}

ActionPlansService::Reactor* ActionPlansService::ReplyRead(Ctx* ctx, const Principal& who,
                                                           const char* method,
                                                           std::vector<std::string> resources,
                                                           const absl::Status& status) const {
  return ReplyRecorded(ctx, store_, who, method, std::move(resources), clock_.Now(), status);
}

absl::CivilDay ActionPlansService::Today() const { return LondonDay(clock_.Now()); }

absl::StatusOr<v1::Plan> ActionPlansService::PlanOf(Connection& db, const std::string& tenant,
                                                    const std::string& id, bool open) const {
  ASSURE_ASSIGN_OR_RETURN(auto plan, ActionPlansStore::LoadPlan(db, tenant, id));
  if (!plan) return NotFound(PlanName(id));
  if (open && !IsOpenPlan(*plan)) {
    return FailedRule("plan.closed", PlanName(id) + " is closed: nothing is added or changed");
  }
  return *std::move(plan);
}

}  // namespace assure::actionplans
