// The first step of every handler, the same in every service: who is calling (UNAUTHENTICATED),
// may they call this method (PERMISSION_DENIED), and is every field of the request within
// its limit (INVALID_ARGUMENT, field_limits.h).
#ifndef ASSURE_SERVICES_COMMON_ADMISSION_H_
#define ASSURE_SERVICES_COMMON_ADMISSION_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "grpcpp/server_context.h"
#include "services/common/principal.h"

namespace assure {

absl::StatusOr<Principal> AdmitCall(const grpc::ServerContextBase& context,
                                    const google::protobuf::Message& request,
                                    const std::vector<absl::string_view>& roles,
                                    absl::string_view method);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_ADMISSION_H_
