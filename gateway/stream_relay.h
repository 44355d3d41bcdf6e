// One server-streaming call forwarded: the caller's request goes to the backend as raw bytes
// with the verified principal, and each message the backend streams is passed on, one at a
// time. The next is read from the backend only once the caller has taken the last, so a slow
// caller slows its own stream (the backend's flow control) and the gateway holds at most one
// message for it. Either side leaving ends the other: the caller cancelling cancels the
// backend call, and the backend's final status is the caller's.
#ifndef ASSURE_GATEWAY_STREAM_RELAY_H_
#define ASSURE_GATEWAY_STREAM_RELAY_H_

#include <atomic>
#include <string>

#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/client_callback.h"
#include "grpcpp/support/server_callback.h"
#include "services/common/principal.h"
#include "services/common/routes.h"

namespace assure::gateway {

class StreamRelay : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  // Starts the backend call at once. `deadline` is the caller's (InfiniteFuture: none, as a
  // watch may last for hours).
  StreamRelay(Backend& backend, const std::string& method, const grpc::ByteBuffer& request,
              const Principal& who, absl::Time deadline);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  class Upstream : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
   public:
    explicit Upstream(StreamRelay& relay) : relay_(relay) {}
    void OnReadDone(bool ok) override;
    void OnDone(const grpc::Status& status) override;

   private:
    StreamRelay& relay_;
  };

  // Deletes the relay once both the caller's call and the backend's are done.
  void Release();

  grpc::ClientContext upstream_ctx_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer message_;
  Upstream upstream_{*this};
  std::atomic<int> holders_{2};
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_STREAM_RELAY_H_
