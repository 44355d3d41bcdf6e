// Asks a server's grpc.health.v1.Health/Check whether a service is SERVING. Used by the
// launcher and tests; the health protos are not packaged, so the two tiny messages are
// encoded by hand (request: field 1 service name; response: field 1 status enum).
#ifndef ASSURE_SERVICES_COMMON_HEALTH_CLIENT_H_
#define ASSURE_SERVICES_COMMON_HEALTH_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"

namespace assure {

enum class HealthStatus { kUnknown = 0, kServing = 1, kNotServing = 2, kServiceUnknown = 3 };

// The status `service` reports ("" for the whole server), or the call's error.
absl::StatusOr<HealthStatus> CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                         const std::string& service, absl::Duration timeout);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_HEALTH_CLIENT_H_
