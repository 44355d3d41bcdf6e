#include "services/audits/service.h"

#include "services/common/admission.h"
#include "services/common/dates.h"

namespace assure::audits {

AuditsService::AuditsService(store::Store& store, const Clock& clock, AuditsMetrics& metrics,
                             Outbox& outbox)
    : store_(store), clock_(clock), metrics_(metrics), outbox_(outbox) {}

absl::StatusOr<Principal> AuditsService::Caller(Ctx* ctx, const google::protobuf::Message& request,
                                                const Roles& roles, const char* method) const {
  return AdmitCall(*ctx, request, roles, method);
}

AuditsService::Reactor* AuditsService::ReplyRead(Ctx* ctx, const Principal& who,
                                                 const char* method,
                                                 std::vector<std::string> resources,
                                                 const absl::Status& status) const {
  return ReplyRecorded(ctx, store_, who, method, std::move(resources), clock_.Now(), status);
}

absl::CivilDay AuditsService::Today() const { return LondonDay(clock_.Now()); }

}  // namespace assure::audits
