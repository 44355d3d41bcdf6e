#include "services/common/rpc_metrics.h"

#include <cmath>
#include <cstdio>

#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "google/protobuf/descriptor.h"
#include "nlohmann/json.hpp"
#include "services/common/principal.h"
#include "services/common/trace.h"

namespace assure {
namespace {

constexpr const char* kCodeNames[17] = {
    "OK",           "Canceled",          "Unknown",          "InvalidArgument",
    "DeadlineExceeded", "NotFound",      "AlreadyExists",    "PermissionDenied",
    "ResourceExhausted", "FailedPrecondition", "Aborted",    "OutOfRange",
    "Unimplemented", "Internal",         "Unavailable",      "DataLoss",
    "Unauthenticated"};

const char* TypeName(const google::protobuf::MethodDescriptor& m) {
  if (m.client_streaming() && m.server_streaming()) return "bidi_stream";
  if (m.client_streaming()) return "client_stream";
  if (m.server_streaming()) return "server_stream";
  return "unary";
}

std::string Value(const Metadata& md, absl::string_view key) {
  auto it = md.find(grpc::string_ref(key.data(), key.size()));
  return it == md.end() ? "" : std::string(it->second.data(), it->second.size());
}

class RpcObserver : public grpc::experimental::Interceptor {
 public:
  RpcObserver(RpcMetrics::Method& metrics, bool known, const char* method, AccessLog* access_log,
              const CallerOf* caller_of)
      : metrics_(metrics), known_(known), method_(method ? method : ""), access_log_(access_log),
        caller_of_(caller_of) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* batch) override {
    using grpc::experimental::InterceptionHookPoints;
    if (batch->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      start_ = absl::Now();
      metrics_.started->Increment();
      if (access_log_) {
        metadata_ = batch->GetRecvInitialMetadata();
        trace_id_ = TraceIdOf(Value(*metadata_, kTraceparentHeader));
      }
    }
    // A hop that starts or continues the trace itself (the gateway) answers with its own.
    if (access_log_ &&
        batch->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      const auto* sent = batch->GetSendInitialMetadata();
      if (auto it = sent->find(kTraceparentHeader); it != sent->end()) {
        trace_id_ = TraceIdOf(it->second);
      }
    }
    if (batch->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      // gRPC's generated handlers answer a request that does not parse as UNIMPLEMENTED with
      // no message; for a method this server implements, that is the caller's bad input.
      const grpc::Status sent = batch->GetSendStatus();
      if (known_ && sent.error_code() == grpc::StatusCode::UNIMPLEMENTED &&
          sent.error_message().empty()) {
        batch->ModifySendStatus(grpc::Status(
            grpc::StatusCode::INVALID_ARGUMENT,
            "request: not a valid protocol buffer message of this method's request type"));
      }
      const int code = static_cast<int>(batch->GetSendStatus().error_code());
      const double seconds = absl::ToDoubleSeconds(absl::Now() - start_);
      metrics_.handled[code >= 0 && code < 17 ? code : 2]->Increment();
      metrics_.seconds->Observe(seconds);
      if (access_log_) Log(code, seconds);
    }
    batch->Proceed();
  }

 private:
  // Written with a JSON library, so nothing a caller sends (a made-up method name, a subject)
  // can end a string early and forge a field.
  void Log(int code, double seconds) const {
    auto [subject, tenant] = metadata_ && *caller_of_ ? (*caller_of_)(*metadata_)
                                                      : std::pair<std::string, std::string>();
    nlohmann::ordered_json line = {{"time", FormatUtcMicros(absl::Now())},
                           {"method", method_},
                           {"code", GrpcCodeName(code)},
                           {"latency_ms", std::round(seconds * 1e6) / 1e3},
                           {"subject", std::move(subject)},
                           {"tenant", std::move(tenant)},
                           {"trace_id", trace_id_}};
    access_log_->Write(
        line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).append("\n"));
  }

  RpcMetrics::Method& metrics_;
  const bool known_;
  std::string method_;
  AccessLog* access_log_;
  const CallerOf* caller_of_;
  // The call's received metadata: gRPC keeps it until the call ends.
  const Metadata* metadata_ = nullptr;
  std::string trace_id_;  // "" when the call carries no well-formed traceparent
  absl::Time start_ = absl::Now();
};

}  // namespace

std::pair<std::string, std::string> AttachedCaller(const Metadata& metadata) {
  std::string subject;
  if (!DecodeMetadataText(Value(metadata, kSubjectHeader), &subject)) subject.clear();
  return {std::move(subject), Value(metadata, kTenantHeader)};
}

const char* GrpcCodeName(int code) { return code >= 0 && code < 17 ? kCodeNames[code] : "Unknown"; }

RpcMetrics::RpcMetrics(prometheus::Registry& registry, Side side)
    : started_(prometheus::BuildCounter()
                   .Name(side == Side::kServer ? "grpc_server_started_total"
                                               : "grpc_client_started_total")
                   .Help(side == Side::kServer ? "Total number of RPCs started on the server."
                                               : "Total number of RPCs started on the client.")
                   .Register(registry)),
      handled_(prometheus::BuildCounter()
                   .Name(side == Side::kServer ? "grpc_server_handled_total"
                                               : "grpc_client_handled_total")
                   .Help(side == Side::kServer
                             ? "Total number of RPCs completed on the server, regardless of "
                               "success or failure."
                             : "Total number of RPCs completed by the client, regardless of "
                               "success or failure.")
                   .Register(registry)),
      seconds_(prometheus::BuildHistogram()
                   .Name(side == Side::kServer ? "grpc_server_handling_seconds"
                                               : "grpc_client_handling_seconds")
                   .Help(side == Side::kServer
                             ? "Histogram of response latency (seconds) of gRPC that had been "
                               "application-level handled by the server."
                             : "Histogram of response latency (seconds) of the gRPC until it is "
                               "finished by the application.")
                   .Register(registry)),
      side_(side) {}

RpcMetrics::Method& RpcMetrics::Create(const std::string& service, const std::string& method,
                                       const char* type) {
  const std::string key = absl::StrFormat("/%s/%s", service, method);
  auto& slot = methods_[key];
  if (slot) return *slot;
  slot = std::make_unique<Method>();
  const std::map<std::string, std::string> labels = {
      {"grpc_type", type}, {"grpc_service", service}, {"grpc_method", method}};
  slot->started = &started_.Add(labels);
  for (int code = 0; code < 17; ++code) {
    auto with_code = labels;
    with_code["grpc_code"] = kCodeNames[code];
    slot->handled[code] = &handled_.Add(with_code);
  }
  // go-grpc-prometheus's default buckets.
  slot->seconds = &seconds_.Add(
      labels, prometheus::Histogram::BucketBoundaries{.005, .01, .025, .05, .1, .25, .5, 1, 2.5,
                                                      5, 10});
  return *slot;
}

void RpcMetrics::Preregister(const std::vector<std::string>& service_names) {
  absl::MutexLock lock(&mu_);
  for (const auto& name : service_names) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      Create(name, service->method(i)->name(), TypeName(*service->method(i)));
    }
  }
  if (side_ == Side::kClient) return;
  Create("grpc.health.v1.Health", "Check", "unary");
  Create("grpc.health.v1.Health", "Watch", "server_stream");
  Create("grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo", "bidi_stream");
}

RpcMetrics::Method& RpcMetrics::For(const std::string& full_method) {
  absl::MutexLock lock(&mu_);
  auto it = methods_.find(full_method);
  if (it != methods_.end()) return *it->second;
  if (unknown_ == nullptr) {
    unknown_ = &Create("unknown", "unknown", "unary");
    unknown_->known = false;
  }
  return *unknown_;
}

grpc::experimental::Interceptor* RpcObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  const std::string method = info->method() ? info->method() : "/unknown/unknown";
  RpcMetrics::Method& metrics = metrics_.For(method);
  return new RpcObserver(metrics, metrics.known, info->method(), access_log_, &caller_of_);
}

}  // namespace assure
