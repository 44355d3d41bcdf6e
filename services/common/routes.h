// Where each API lives: --routes=assure.reviews.v1=127.0.0.1:7001,... maps a proto package
// to a server address, for the gateway and for services that call each other. Each address
// gets one channel, reconnecting quickly so a server that comes back is used again at once,
// and balancing round robin over whatever the address resolves to: a dns:/// name of a
// headless Service, or replicas' addresses joined by '|' (127.0.0.1:7001|127.0.0.1:7011).
#ifndef ASSURE_SERVICES_COMMON_ROUTES_H_
#define ASSURE_SERVICES_COMMON_ROUTES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/channel.h"
#include "grpcpp/generic/generic_stub.h"

namespace assure {

struct Backend {
  std::string package;  // e.g. "assure.reviews.v1"
  std::string address;  // host:port, or host:port|host:port|...
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<grpc::GenericStub> stub;
};

class Routes {
 public:
  // INVALID_ARGUMENT naming --routes on a malformed entry.
  static absl::StatusOr<std::unique_ptr<Routes>> Parse(absl::string_view flag,
                                                       int max_message_bytes);
  // The backend serving a full service name ("assure.reviews.v1.ReviewsService"), or null.
  Backend* ForService(absl::string_view service) const;
  // The backend serving "/package.Service/Method", or null.
  Backend* ForMethod(absl::string_view method) const;
  const std::vector<std::unique_ptr<Backend>>& backends() const { return backends_; }

 private:
  std::vector<std::unique_ptr<Backend>> backends_;
};

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_ROUTES_H_
