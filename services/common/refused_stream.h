// A server stream refused before it starts (unauthenticated, bad input, no room): finished
// with its status at once, for every service and the gateway alike.
//   if (!who.ok()) return new RefusedStream<v1::Event>(ToGrpcStatus(who.status(), trace));
#ifndef ASSURE_SERVICES_COMMON_REFUSED_STREAM_H_
#define ASSURE_SERVICES_COMMON_REFUSED_STREAM_H_

#include "grpcpp/support/server_callback.h"
#include "grpcpp/support/status.h"

namespace assure {

template <typename Message>
class RefusedStream : public grpc::ServerWriteReactor<Message> {
 public:
  explicit RefusedStream(const grpc::Status& status) { this->Finish(status); }
  void OnDone() override { delete this; }
};

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_REFUSED_STREAM_H_
