// RPC metrics with the names and labels go-grpc-prometheus writes, so existing Grafana
// dashboards work unchanged: grpc_server_started_total, grpc_server_handled_total and the
// grpc_server_handling_seconds histogram, labelled grpc_type, grpc_service, grpc_method
// (and grpc_code, e.g. "NotFound").
//
// Every series of every method of the registered services is created at start, so rates
// exist before the first call; each call then touches references looked up once, never
// prometheus-cpp's locked Family::Add.
#ifndef ASSURE_SERVICES_COMMON_RPC_METRICS_H_
#define ASSURE_SERVICES_COMMON_RPC_METRICS_H_

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/support/server_interceptor.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "services/common/access_log.h"

namespace assure {

// go-grpc-prometheus's name for a status code ("OK", "InvalidArgument", ...).
const char* GrpcCodeName(int code);

class RpcMetrics {
 public:
  // The server counts calls it handles (grpc_server_*); a proxy also counts the calls it
  // makes (grpc_client_*), with the same labels.
  enum class Side { kServer, kClient };

  struct Method {
    prometheus::Counter* started;
    std::array<prometheus::Counter*, 17> handled;
    prometheus::Histogram* seconds;
    // False for the one set of series shared by methods nobody registered.
    bool known = true;
  };

  explicit RpcMetrics(prometheus::Registry& registry, Side side = Side::kServer);
  // Creates every series for each method of the named services (from the generated
  // descriptor pool) and for the standard health and reflection services.
  void Preregister(const std::vector<std::string>& service_names);
  // The series of "/package.Service/Method". A method that was not preregistered (a name a
  // caller made up) shares one set of series labelled "unknown", so no caller can create
  // series.
  Method& For(const std::string& full_method);

 private:
  Method& Create(const std::string& service, const std::string& method, const char* type);

  Method* unknown_ ABSL_GUARDED_BY(mu_) = nullptr;
  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& seconds_;
  const Side side_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::unique_ptr<Method>> methods_ ABSL_GUARDED_BY(mu_);
};

// Who made a call, as verified, for the access log: (subject, tenant), or empty strings when
// the call carries no verified principal. A service reads the principal the gateway attached;
// the gateway verifies the caller's bearer token (a lookup in its cache of verified tokens).
using Metadata = std::multimap<grpc::string_ref, grpc::string_ref>;
using CallerOf = std::function<std::pair<std::string, std::string>(const Metadata&)>;
std::pair<std::string, std::string> AttachedCaller(const Metadata& metadata);

// Counts every call, and writes one JSON line per call to stderr (the access log: principal,
// method, code, latency; never a child's data).
class RpcObserverFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `access_log` may be null: no access log.
  RpcObserverFactory(RpcMetrics& metrics, AccessLog* access_log, CallerOf caller_of)
      : metrics_(metrics), access_log_(access_log), caller_of_(std::move(caller_of)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  RpcMetrics& metrics_;
  AccessLog* access_log_;
  CallerOf caller_of_;
};

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_RPC_METRICS_H_
