#include "services/allowances/service.h"

#include "protos/assure/allowances/v1/names.h"
#include "services/common/admission.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"

namespace assure::allowances {

AllowancesService::AllowancesService(store::Store& store, const Clock& clock,
                                     AllowancesMetrics& metrics, Outbox& outbox)
    : store_(store), clock_(clock), metrics_(metrics), outbox_(outbox) {}

absl::StatusOr<Principal> AllowancesService::Caller(Ctx* ctx,
                                                    const google::protobuf::Message& request,
                                                    const Roles& roles, const char* method) const {
  auto who = AdmitCall(*ctx, request, roles, method);
  if (who.ok()) metrics_.TenantSeen(who->tenant);
  return who;
}

AllowancesService::Reactor* AllowancesService::ReplyRead(Ctx* ctx, const Principal& who,
                                                         const char* method,
                                                         std::vector<std::string> resources,
                                                         const absl::Status& status) const {
  return ReplyRecorded(ctx, store_, who, method, std::move(resources), clock_.Now(), status);
}

absl::CivilDay AllowancesService::Today() const { return LondonDay(clock_.Now()); }

absl::StatusOr<v1::SupportedChild> AllowancesService::ChildOf(Connection& db,
                                                              const std::string& tenant,
                                                              const v1::Allowance& a) const {
  ASSURE_ASSIGN_OR_RETURN(auto id, ParseSupportedChildName(a.child(), "child"));
  ASSURE_ASSIGN_OR_RETURN(auto child, AllowancesStore::LoadChild(db, tenant, id));
  if (!child) return absl::DataLossError(a.name() + " is paid for a child with no record");
  return *std::move(child);
}

}  // namespace assure::allowances
