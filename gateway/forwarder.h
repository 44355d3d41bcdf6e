// Sends one call to the backend that serves it, without decoding it: the request and
// response stay serialized bytes. The verified principal goes as metadata (anything the
// caller sent under those names never does); the deadline is the caller's, capped, or a
// default. Status, message, error details and trailing metadata come back unchanged.
#ifndef ASSURE_GATEWAY_FORWARDER_H_
#define ASSURE_GATEWAY_FORWARDER_H_

#include <functional>
#include <map>
#include <string>

#include "absl/time/time.h"
#include "services/common/routes.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/status.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/common/rpc_metrics.h"

namespace assure::gateway {

struct DeadlinePolicy {
  absl::Duration default_timeout = absl::Seconds(10);
  absl::Duration max_timeout = absl::Seconds(60);
  // The deadline to use for a caller's `requested` one (InfiniteFuture when none was set).
  absl::Time For(absl::Time requested, absl::Time now) const;
};

struct ForwardResult {
  grpc::Status status;
  grpc::ByteBuffer response;
  std::multimap<std::string, std::string> trailers;
};

class Forwarder {
 public:
  Forwarder(const Routes& routes, RpcMetrics& client_metrics, DeadlinePolicy deadlines,
            const Clock& clock)
      : routes_(routes), metrics_(client_metrics), deadlines_(deadlines), clock_(clock) {}

  // `method` is "/package.Service/Method"; `who` goes with the call, its traceparent too.
  // `done` runs once, on a gRPC thread.
  void Forward(const std::string& method, const grpc::ByteBuffer& request, const Principal& who,
               absl::Time requested_deadline, std::function<void(ForwardResult)> done);

  const DeadlinePolicy& deadlines() const { return deadlines_; }
  const Routes& routes() const { return routes_; }

 private:
  const Routes& routes_;
  RpcMetrics& metrics_;
  const DeadlinePolicy deadlines_;
  const Clock& clock_;
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_FORWARDER_H_
