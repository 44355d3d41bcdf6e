// The server runner every service and the gateway uses: the gRPC callback server with
// health (grpc.health.v1), reflection, keepalive, the RPC metrics and access log, the
// /metrics endpoint, and graceful drain.
//
// Life: Start() serves with health NOT_SERVING; the caller opens its store and marks
// SetServing(true); on SIGTERM/SIGINT WaitForShutdownSignal() returns; Shutdown() turns
// health to NOT_SERVING, stops new calls and lets calls in flight finish (up to
// drain_timeout).
#ifndef ASSURE_SERVICES_COMMON_SERVER_H_
#define ASSURE_SERVICES_COMMON_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/server.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"
#include "services/common/access_log.h"
#include "services/common/rpc_metrics.h"
#include "services/common/serving_report.h"

namespace assure {

struct ServerConfig {
  std::string grpc_address = "127.0.0.1:0";
  // host:port for /metrics; empty serves none (tests read the registry directly).
  std::string metrics_address;
  absl::Duration drain_timeout = absl::Seconds(10);
  bool access_log = true;
  int access_log_fd = 2;  // stderr
  int max_message_bytes = 4 << 20;
  // PEM certificate chain and key: the gRPC port then speaks TLS only, and the files are
  // read again when they change, so a renewed certificate needs no restart.
  std::string tls_cert_file;
  std::string tls_key_file;
  // Who the access log names for a call: by default the principal the gateway attached.
  CallerOf caller_of = AttachedCaller;
};

class Server {
 public:
  Server(ServerConfig config, std::shared_ptr<prometheus::Registry> registry);
  ~Server();

  // The access log's writer once started (null if off), for other doors to share.
  AccessLog* access_log() const { return access_log_.get(); }
  // Services must outlive the server. Their full names are used to preregister metrics.
  void AddService(grpc::Service* service, const std::string& full_name);
  // More series for /metrics beside the registry's (the store's figures); before Start.
  void AddCollectable(std::weak_ptr<prometheus::Collectable> collectable);
  absl::Status Start();
  void SetServing(bool serving);
  // One service's health (a gateway reports each backend it can reach).
  void SetServiceServing(const std::string& service, bool serving);
  // Port actually bound (useful with ":0").
  int port() const { return port_; }
  std::string address() const;
  // Where /metrics is served (the bound port for ":0"); empty when it is not.
  std::string metrics_address() const;
  // gRPC and /metrics, for ReportServing.
  Listeners listeners() const;

  // Call first thing in main(). Blocks SIGTERM and SIGINT in this and every thread started
  // later, so that WaitForShutdownSignal() receives them; in optimised builds, turns off
  // Abseil's mutex deadlock detection, which Debian's Abseil leaves on and which takes a
  // process-wide lock whenever a mutex is destroyed (debug and sanitizer builds keep it).
  static void PrepareProcess();
  static void WaitForShutdownSignal();
  void Shutdown();

 private:
  std::shared_ptr<grpc::ServerCredentials> Credentials() const;

  ServerConfig config_;
  std::shared_ptr<prometheus::Registry> registry_;
  RpcMetrics rpc_metrics_;
  std::vector<std::pair<grpc::Service*, std::string>> services_;
  std::vector<std::weak_ptr<prometheus::Collectable>> collectables_;
  std::unique_ptr<AccessLog> access_log_;  // outlives the server, which writes to it
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
};

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_SERVER_H_
