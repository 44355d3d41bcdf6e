#include "services/common/admission.h"

#include "services/common/field_limits.h"
#include "services/common/status_macros.h"

namespace assure {

absl::StatusOr<Principal> AdmitCall(const grpc::ServerContextBase& context,
                                    const google::protobuf::Message& request,
                                    const std::vector<absl::string_view>& roles,
                                    absl::string_view method) {
  ASSURE_ASSIGN_OR_RETURN(Principal who, PrincipalFrom(context));
  ASSURE_RETURN_IF_ERROR(Authorize(who, roles, method));
  ASSURE_RETURN_IF_ERROR(CheckFieldLimits(request));
  return who;
}

}  // namespace assure
