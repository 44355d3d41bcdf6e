#include "services/common/rpc_metrics.h"

#include <cstdio>

#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "google/protobuf/descriptor.h"
#include "services/common/principal.h"

namespace assure {
namespace {

constexpr const char* kCodeNames[17] = {
    "OK",           "Canceled",          "Unknown",          "InvalidArgument",
    "DeadlineExceeded", "NotFound",      "AlreadyExists",    "PermissionDenied",
    "ResourceExhausted", "FailedPrecondition", "Aborted",    "OutOfRange",
    "Unimplemented", "Internal",         "Unavailable",      "DataLoss",
    "Unauthenticated"};

const char* TypeName(grpc::experimental::ServerRpcInfo::Type type) {
  using Type = grpc::experimental::ServerRpcInfo::Type;
  switch (type) {
    case Type::UNARY: return "unary";
    case Type::CLIENT_STREAMING: return "client_stream";
    case Type::SERVER_STREAMING: return "server_stream";
    default: return "bidi_stream";
  }
}

const char* TypeName(const google::protobuf::MethodDescriptor& m) {
  if (m.client_streaming() && m.server_streaming()) return "bidi_stream";
  if (m.client_streaming()) return "client_stream";
  if (m.server_streaming()) return "server_stream";
  return "unary";
}

// "/pkg.Service/Method" -> ("pkg.Service", "Method").
std::pair<std::string, std::string> Split(absl::string_view full) {
  if (!full.empty() && full.front() == '/') full.remove_prefix(1);
  const size_t slash = full.find('/');
  if (slash == absl::string_view::npos) return {std::string(full), ""};
  return {std::string(full.substr(0, slash)), std::string(full.substr(slash + 1))};
}

std::string Metadata(const std::multimap<grpc::string_ref, grpc::string_ref>* md,
                     absl::string_view key) {
  if (md == nullptr) return "";
  auto it = md->find(grpc::string_ref(key.data(), key.size()));
  return it == md->end() ? "" : std::string(it->second.data(), it->second.size());
}

class RpcObserver : public grpc::experimental::Interceptor {
 public:
  RpcObserver(RpcMetrics::Method& metrics, const char* method, AccessLog* access_log)
      : metrics_(metrics), method_(method), access_log_(access_log) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* batch) override {
    using grpc::experimental::InterceptionHookPoints;
    if (batch->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      start_ = absl::Now();
      metrics_.started->Increment();
      if (access_log_) {
        auto* md = batch->GetRecvInitialMetadata();
        subject_ = Metadata(md, kSubjectHeader);
        tenant_ = Metadata(md, kTenantHeader);
      }
    }
    if (batch->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const int code = static_cast<int>(batch->GetSendStatus().error_code());
      const double seconds = absl::ToDoubleSeconds(absl::Now() - start_);
      metrics_.handled[code >= 0 && code < 17 ? code : 2]->Increment();
      metrics_.seconds->Observe(seconds);
      if (access_log_) Log(code, seconds);
    }
    batch->Proceed();
  }

 private:
  void Log(int code, double seconds) const {
    access_log_->Write(absl::StrFormat(
        "{\"time\":\"%s\",\"method\":\"%s\",\"code\":\"%s\",\"latency_ms\":%.3f,"
        "\"subject\":\"%s\",\"tenant\":\"%s\"}\n",
        FormatUtcMicros(absl::Now()), method_, GrpcCodeName(code), seconds * 1000,
        absl::CHexEscape(subject_), absl::CHexEscape(tenant_)));
  }

  RpcMetrics::Method& metrics_;
  const char* method_;
  AccessLog* access_log_;
  absl::Time start_ = absl::Now();
  std::string subject_, tenant_;
};

}  // namespace

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

RpcMetrics::Method& RpcMetrics::For(const std::string& full_method, const char* type) {
  absl::MutexLock lock(&mu_);
  auto it = methods_.find(full_method);
  if (it != methods_.end()) return *it->second;
  auto [service, method] = Split(full_method);
  return Create(service, method, type);
}

grpc::experimental::Interceptor* RpcObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  const std::string method = info->method() ? info->method() : "/unknown/unknown";
  return new RpcObserver(metrics_.For(method, TypeName(info->type())), info->method(),
                         access_log_);
}

}  // namespace assure
