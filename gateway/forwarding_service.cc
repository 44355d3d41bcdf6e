#include "gateway/forwarding_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/impl/codegen/server_callback_handlers.h"
#include "grpcpp/impl/rpc_service_method.h"
#include "gateway/stream_relay.h"
#include "services/common/errors.h"
#include "services/common/refused_stream.h"
#include "services/common/trace.h"

namespace assure::gateway {
namespace {

std::string Metadata(const grpc::CallbackServerContext& ctx, absl::string_view key) {
  auto it = ctx.client_metadata().find(grpc::string_ref(key.data(), key.size()));
  return it == ctx.client_metadata().end() ? "" : std::string(it->second.data(), it->second.size());
}

}  // namespace

ForwardingService::ForwardingService(const google::protobuf::ServiceDescriptor& service,
                                     Gatekeeper& gatekeeper, Forwarder& forwarder)
    : name_(service.full_name()), gatekeeper_(gatekeeper), forwarder_(forwarder) {
  int index = 0;
  for (int i = 0; i < service.method_count(); ++i) {
    const auto* m = service.method(i);
    if (m->client_streaming()) continue;  // the public API has none
    const std::string& path = method_paths_.emplace_back(absl::StrCat("/", name_, "/", m->name()));
    if (m->server_streaming()) {
      AddMethod(new grpc::internal::RpcServiceMethod(
          path.c_str(), grpc::internal::RpcMethod::SERVER_STREAMING, nullptr));
      MarkMethodRawCallback(
          index++,
          new grpc::internal::CallbackServerStreamingHandler<grpc::ByteBuffer, grpc::ByteBuffer>(
              [this, &path](grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* req) {
                return HandleStream(ctx, path, req);
              }));
      continue;
    }
    AddMethod(new grpc::internal::RpcServiceMethod(
        path.c_str(), grpc::internal::RpcMethod::NORMAL_RPC, nullptr));
    MarkMethodRawCallback(
        index++, new grpc::internal::CallbackUnaryHandler<grpc::ByteBuffer, grpc::ByteBuffer>(
                     [this, &path](grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* req,
                                   grpc::ByteBuffer* resp) { return Handle(ctx, path, req, resp); }));
  }
}

grpc::ServerUnaryReactor* ForwardingService::Handle(grpc::CallbackServerContext* ctx,
                                                    const std::string& method,
                                                    const grpc::ByteBuffer* request,
                                                    grpc::ByteBuffer* response) {
  auto* reactor = ctx->DefaultReactor();
  // The caller's trace continued (or one started) here; the caller hears which in the
  // response's initial metadata, refused or not, and the access log line names it.
  const TraceContext trace = TraceContext::ContinueOrStart(Metadata(*ctx, kTraceparentHeader));
  ctx->AddInitialMetadata(kTraceparentHeader, trace.ToHeader());
  auto who = gatekeeper_.Admit(Metadata(*ctx, "authorization"), Metadata(*ctx, kPurposeHeader));
  if (!who.ok()) {
    reactor->Finish(ToGrpcStatus(who.status()));
    return reactor;
  }
  const absl::Time requested = ctx->deadline() == std::chrono::system_clock::time_point::max()
                                   ? absl::InfiniteFuture()
                                   : absl::FromChrono(ctx->deadline());
  who->traceparent = trace.ToHeader();
  forwarder_.Forward(method, *request, *who, requested,
                     [ctx, reactor, response](ForwardResult result) {
                       for (const auto& [k, v] : result.trailers) ctx->AddTrailingMetadata(k, v);
                       *response = std::move(result.response);
                       reactor->Finish(result.status);
                     });
  return reactor;
}

}  // namespace assure::gateway

namespace assure::gateway {

grpc::ServerWriteReactor<grpc::ByteBuffer>* ForwardingService::HandleStream(
    grpc::CallbackServerContext* ctx, const std::string& method, const grpc::ByteBuffer* request) {
  const TraceContext trace = TraceContext::ContinueOrStart(Metadata(*ctx, kTraceparentHeader));
  ctx->AddInitialMetadata(kTraceparentHeader, trace.ToHeader());
  auto who = gatekeeper_.Admit(Metadata(*ctx, "authorization"), Metadata(*ctx, kPurposeHeader));
  if (!who.ok()) return new RefusedStream<grpc::ByteBuffer>(ToGrpcStatus(who.status()));
  Backend* backend = forwarder_.routes().ForMethod(method);
  if (backend == nullptr) {
    return new RefusedStream<grpc::ByteBuffer>(WithErrorInfo(grpc::Status(
        grpc::StatusCode::UNIMPLEMENTED, absl::StrCat(method, " is not served through this gateway"))));
  }
  who->traceparent = trace.ToHeader();
  // A watch lasts as long as its caller wants: no default deadline, only the caller's own.
  const absl::Time deadline = ctx->deadline() == std::chrono::system_clock::time_point::max()
                                  ? absl::InfiniteFuture()
                                  : absl::FromChrono(ctx->deadline());
  return new StreamRelay(*backend, method, *request, *who, deadline);
}

}  // namespace assure::gateway
