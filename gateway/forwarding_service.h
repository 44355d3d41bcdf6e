// A gRPC service at the gateway that stands for one public service: every unary and
// server-streaming method of its descriptor, taken as raw bytes and forwarded. Because it is registered under the real
// service name, reflection at the gateway lists the public API and the RPC metrics name the
// real methods; because it never decodes, a new method needs no gateway code.
#ifndef ASSURE_GATEWAY_FORWARDING_SERVICE_H_
#define ASSURE_GATEWAY_FORWARDING_SERVICE_H_

#include <deque>
#include <string>

#include "gateway/forwarder.h"
#include "gateway/gatekeeper.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/impl/service_type.h"
#include "grpcpp/support/server_callback.h"

namespace assure::gateway {

class ForwardingService : public grpc::Service {
 public:
  ForwardingService(const google::protobuf::ServiceDescriptor& service, Gatekeeper& gatekeeper,
                    Forwarder& forwarder);
  const std::string& name() const { return name_; }

 private:
  grpc::ServerUnaryReactor* Handle(grpc::CallbackServerContext* ctx, const std::string& method,
                                   const grpc::ByteBuffer* request, grpc::ByteBuffer* response);
  grpc::ServerWriteReactor<grpc::ByteBuffer>* HandleStream(grpc::CallbackServerContext* ctx,
                                                           const std::string& method,
                                                           const grpc::ByteBuffer* request);

  std::string name_;
  std::deque<std::string> method_paths_;  // RpcServiceMethod keeps a pointer to each
  Gatekeeper& gatekeeper_;
  Forwarder& forwarder_;
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_FORWARDING_SERVICE_H_
