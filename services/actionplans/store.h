// The action plans repository: the SQL for this service and nothing else. Every function
// takes the connection it runs on (a reader, or the writer's shared transaction) and the
// tenant, so no query can leave the tenant out.
#ifndef ASSURE_SERVICES_ACTIONPLANS_STORE_H_
#define ASSURE_SERVICES_ACTIONPLANS_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "assure/actionplans/v1/findings.pb.h"
#include "assure/actionplans/v1/resources.pb.h"
#include "protos/assure/actionplans/v1/names.h"
#include "services/common/store/connection.h"

namespace assure::actionplans {

namespace v1 = ::assure::actionplans::v1;
using store::Connection;

// Filters already checked by the service; empty optionals are "any".
struct PlanQuery {
  std::optional<int> state;
  std::optional<int> source;
  std::string after_id;
  int limit = 50;
};

struct ActionQuery {
  // Empty: every plan's.
  std::string plan;
  std::optional<int> state;
  std::optional<int> priority;
  std::optional<std::string> team;
  // (plan, seq) the last page ended at.
  std::string after_plan;
  int64_t after_seq = 0;
  int limit = 50;
};

// An open action the drift check must look at, in any tenant.
struct TenantAction {
  std::string tenant;
  PlanChild action;
};

class ActionPlansStore {
 public:
  static absl::StatusOr<std::optional<v1::Plan>> LoadPlan(Connection& db, const std::string& tenant,
                                                          const std::string& id);
  // Inserts (etag empty) or updates the plan, bumping its version.
  static absl::Status SavePlan(Connection& db, const std::string& tenant, const std::string& id,
                               v1::Plan& p);
  static absl::StatusOr<std::vector<v1::Plan>> ListPlans(Connection& db, const std::string& tenant,
                                                         const PlanQuery& q);
  // The newest plan of `source` not closed.
  static absl::StatusOr<std::optional<v1::Plan>> NewestOpenPlan(Connection& db,
                                                                const std::string& tenant,
                                                                v1::PlanSource source);

  static absl::StatusOr<std::optional<v1::Recommendation>> LoadRecommendation(
      Connection& db, const std::string& tenant, const PlanChild& key);
  // Numbers and names a new recommendation (the plan's next), and inserts it.
  static absl::Status InsertRecommendation(Connection& db, const std::string& tenant,
                                           const std::string& plan, v1::Recommendation& r);
  static absl::Status SaveRecommendation(Connection& db, const std::string& tenant,
                                         const PlanChild& key, v1::Recommendation& r);
  static absl::StatusOr<std::vector<v1::Recommendation>> ListRecommendations(
      Connection& db, const std::string& tenant, const std::string& plan, int64_t after, int limit);

  static absl::StatusOr<std::optional<v1::Action>> LoadAction(Connection& db,
                                                              const std::string& tenant,
                                                              const PlanChild& key);
  static absl::Status InsertAction(Connection& db, const std::string& tenant,
                                   const std::string& plan, v1::Action& a);
  static absl::Status SaveAction(Connection& db, const std::string& tenant, const PlanChild& key,
                                 v1::Action& a);
  static absl::StatusOr<std::vector<v1::Action>> ListActions(Connection& db,
                                                             const std::string& tenant,
                                                             const ActionQuery& q);
  static absl::StatusOr<int64_t> OpenActions(Connection& db, const std::string& tenant,
                                             const std::string& plan);

  // Append-only: each numbered and named as the action's next.
  static absl::Status InsertUpdate(Connection& db, const std::string& tenant,
                                   const PlanChild& action, v1::ActionUpdate& u);
  static absl::StatusOr<std::vector<v1::ActionUpdate>> ListUpdates(Connection& db,
                                                                   const std::string& tenant,
                                                                   const PlanChild& action,
                                                                   int64_t after, int limit);
  static absl::Status InsertFollowUp(Connection& db, const std::string& tenant,
                                     const PlanChild& action, v1::FollowUp& f);
  static absl::StatusOr<std::vector<v1::FollowUp>> ListFollowUps(Connection& db,
                                                                 const std::string& tenant,
                                                                 const PlanChild& action,
                                                                 int64_t after, int limit);

  // The action's newest request, and every open one.
  static absl::StatusOr<std::optional<v1::UpdateRequest>> LatestRequest(Connection& db,
                                                                        const std::string& tenant,
                                                                        const PlanChild& action);
  static absl::StatusOr<std::vector<v1::UpdateRequest>> OpenRequestsOf(Connection& db,
                                                                       const std::string& tenant,
                                                                       const PlanChild& action);
  // Inserts (etag empty) or updates the request, bumping its version.
  static absl::Status SaveRequest(Connection& db, const std::string& tenant,
                                  const PlanChild& action, const std::string& month,
                                  v1::UpdateRequest& r);
  // In (plan, action, month) order after `after` (the last page's "plan/action/month" key),
  // of `state` if set.
  static absl::StatusOr<std::vector<v1::UpdateRequest>> ListRequests(
      Connection& db, const std::string& tenant, std::optional<int> state,
      const std::string& after_plan, int64_t after_action, const std::string& after_month,
      int limit);

  static absl::StatusOr<std::optional<v1::Finding>> LoadFinding(Connection& db,
                                                                const std::string& tenant,
                                                                const std::string& id);
  // Inserts (`insert`) or updates the finding.
  static absl::Status SaveFinding(Connection& db, const std::string& tenant, const std::string& id,
                                  const v1::Finding& f, bool insert);
  static absl::StatusOr<std::vector<v1::Finding>> ListFindings(Connection& db,
                                                               const std::string& tenant,
                                                               std::optional<bool> placed,
                                                               const std::string& after_id,
                                                               int limit);

  // Every open action of every tenant (the drift check).
  static absl::StatusOr<std::vector<TenantAction>> EveryOpenAction(Connection& db);
};

}  // namespace assure::actionplans

#endif  // ASSURE_SERVICES_ACTIONPLANS_STORE_H_
