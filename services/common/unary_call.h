// How a callback-API unary handler finishes, written once for every service.
//
// Reads answer with Reply(), or, when they return recorded data, with ReplyRecorded() once
// its access records are durable. State changes go through WriteOnce(): the change runs
// in the store's shared transaction, a retried request_id gets the first response back,
// and the call finishes only after the commit is durable, without holding a thread while
// it waits.
#ifndef ASSURE_SERVICES_COMMON_UNARY_CALL_H_
#define ASSURE_SERVICES_COMMON_UNARY_CALL_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "services/common/clock.h"
#include "services/common/errors.h"
#include "services/common/principal.h"
#include "services/common/store/access_record.h"
#include "services/common/store/idempotency.h"
#include "services/common/store/store.h"
#include "services/common/trace.h"

namespace assure {

// The trace id the call carries, for its log lines ("" when it carries none).
inline std::string CallTraceId(const grpc::ServerContextBase& ctx) {
  auto it = ctx.client_metadata().find(kTraceparentHeader);
  if (it == ctx.client_metadata().end()) return "";
  return TraceIdOf(absl::string_view(it->second.data(), it->second.size()));
}

// Finishes `reactor` with a status, logged under the call's trace.
inline std::function<void(absl::Status)> FinishWith(grpc::ServerUnaryReactor* reactor,
                                                    const grpc::ServerContextBase& ctx) {
  return [reactor, trace = CallTraceId(ctx)](absl::Status st) {
    reactor->Finish(ToGrpcStatus(st, trace));
  };
}

inline grpc::ServerUnaryReactor* Reply(grpc::CallbackServerContext* ctx,
                                       const absl::Status& status) {
  auto* reactor = ctx->DefaultReactor();
  FinishWith(reactor, *ctx)(status);
  return reactor;
}

template <typename Response>
grpc::ServerUnaryReactor* Reply(grpc::CallbackServerContext* ctx,
                                absl::StatusOr<Response> result, Response* out) {
  if (result.ok()) *out = std::move(result).value();
  return Reply(ctx, result.status());
}

// Answers a read once the access records of what it returns are durable; if they cannot be
// written, the read fails (UNAVAILABLE, say) rather than answer without them.
inline grpc::ServerUnaryReactor* ReplyRecorded(grpc::CallbackServerContext* ctx,
                                               store::Store& store, const Principal& who,
                                               const char* method,
                                               std::vector<std::string> resources,
                                               absl::Time at, const absl::Status& status) {
  if (!status.ok()) return Reply(ctx, status);
  auto* reactor = ctx->DefaultReactor();
  store::RecordReadAccess(store, who, method, std::move(resources), at,
                          FinishWith(reactor, *ctx));
  return reactor;
}

// The largest answer a change may give (gRPC's default message limit is 4 MiB).
inline constexpr size_t kMaxAnswerBytes = 3 << 20;

// Identifies one state change for idempotency.
using WriteKey = store::RequestKey;

// The key of `request` (its request_id field, if it has one) sent by `who` to
// `service`/`method`.
inline WriteKey WriteKeyOf(const Principal& who, const google::protobuf::Message& request,
                           absl::string_view service, absl::string_view method) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  std::string request_id;
  if (field != nullptr && field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
    request_id = request.GetReflection()->GetString(request, field);
  }
  WriteKey key{who.tenant, std::move(request_id), absl::StrCat(service, "/", method), who.subject,
               ""};
  if (!key.request_id.empty()) key.fingerprint = store::RequestFingerprint(request);
  return key;
}

template <typename Response>
grpc::ServerUnaryReactor* WriteOnce(grpc::CallbackServerContext* ctx, store::Store& store,
                                    const Clock& clock, WriteKey key,
                                    std::function<absl::StatusOr<Response>(store::Tx&)> change,
                                    Response* out) {
  auto* reactor = ctx->DefaultReactor();
  const std::string tenant = key.tenant;
  store.Write(
      tenant, [key = std::move(key), change = std::move(change), out, &clock](store::Tx& tx) {
        Response response;
        auto seen = store::ReplayIfSeen(tx.db(), key, &response);
        if (!seen.ok()) return seen.status();
        if (!*seen) {
          auto result = change(tx);
          if (!result.ok()) return result.status();
          response = std::move(result).value();
          // An answer gRPC could not send would report failure for a change that committed.
          if (response.ByteSizeLong() > kMaxAnswerBytes) {
            return absl::ResourceExhaustedError(
                "the result of this change would be too large to send; it was not made");
          }
          auto st = store::RememberResponse(tx.db(), key, response, clock.Now());
          if (!st.ok()) return st;
        }
        *out = std::move(response);
        return absl::OkStatus();
      },
      FinishWith(reactor, *ctx));
  return reactor;
}

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_UNARY_CALL_H_
