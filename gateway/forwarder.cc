#include "gateway/forwarder.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "absl/time/clock.h"
#include "grpcpp/client_context.h"

namespace assure::gateway {

absl::Time DeadlinePolicy::For(absl::Time requested, absl::Time now) const {
  // No deadline, or one so far off that it means none (some clients send "a year").
  if (requested == absl::InfiniteFuture() || requested - now > absl::Hours(24 * 365)) {
    return now + default_timeout;
  }
  return std::min(requested, now + max_timeout);
}

namespace {

// Everything one forwarded call needs until its completion runs.
struct Call {
  grpc::ClientContext ctx;
  grpc::ByteBuffer request;
  ForwardResult result;
  RpcMetrics::Method* metrics;
  absl::Time start;
  std::function<void(ForwardResult)> done;
};

bool IsReservedHeader(const std::string& key) {
  return key.rfind("grpc-", 0) == 0 || key == "content-type" || key == "te" || key[0] == ':';
}

}  // namespace

void Forwarder::Forward(const std::string& method, const grpc::ByteBuffer& request,
                        const Principal& who, absl::Time requested_deadline,
                        std::function<void(ForwardResult)> done) {
  Backend* backend = routes_.ForMethod(method);
  if (backend == nullptr) {
    ForwardResult r;
    r.status = WithErrorInfo(grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                                          absl::StrCat(method, " is not served through this gateway")));
    return done(std::move(r));
  }
  auto* call = new Call;
  call->request = request;
  call->done = std::move(done);
  call->start = absl::Now();
  call->metrics = &metrics_.For(method);
  call->metrics->started->Increment();
  call->ctx.set_deadline(absl::ToChronoTime(deadlines_.For(requested_deadline, clock_.Now())));
  AttachPrincipal(who, call->ctx);
  backend->stub->UnaryCall(
      &call->ctx, method, grpc::StubOptions(), &call->request, &call->result.response,
      [call](grpc::Status status) {
        const int code = static_cast<int>(status.error_code());
        call->metrics->handled[code >= 0 && code < 17 ? code : 2]->Increment();
        call->metrics->seconds->Observe(absl::ToDoubleSeconds(absl::Now() - call->start));
        for (const auto& [k, v] : call->ctx.GetServerTrailingMetadata()) {
          std::string key(k.data(), k.size());
          if (!IsReservedHeader(key)) call->result.trailers.emplace(key, std::string(v.data(), v.size()));
        }
        call->result.status = WithErrorInfo(status);
        auto done = std::move(call->done);
        ForwardResult result = std::move(call->result);
        delete call;
        done(std::move(result));
      });
}

}  // namespace assure::gateway
