// assure-gateway: the one door from outside. Typed gRPC forwarded unchanged, HTTP/JSON
// transcoded from the API's annotations, bearer tokens verified, deadlines and limits
// applied, everything counted.
// Flags -> config -> routes, verifier, forwarder, fronts -> serve until SIGTERM -> drain.
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "gateway/auth/jwks_file.h"
#include "gateway/backend_health.h"
#include "gateway/forwarder.h"
#include "gateway/forwarding_service.h"
#include "gateway/gatekeeper.h"
#include "gateway/http/http_server.h"
#include "gateway/openapi.h"
#include "gateway/public_services.h"
#include "services/common/routes.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/flags_from_env.h"
#include "services/common/read_file.h"
#include "services/common/server.h"
#include "services/common/serving_report.h"
#include "services/common/ticker.h"

ABSL_FLAG(std::string, grpc_address, "127.0.0.1:8443", "host:port for typed gRPC callers");
ABSL_FLAG(std::string, http_address, "127.0.0.1:8080", "host:port for HTTP/JSON callers");
ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM certificate chain: both doors speak TLS only (with --tls_key_file); re-read when renewed");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, metrics_address, "127.0.0.1:9100", "host:port serving /metrics");
ABSL_FLAG(std::string, routes, "", "package=host:port,... e.g. assure.reviews.v1=127.0.0.1:7001");
ABSL_FLAG(std::string, jwks_file, "", "JSON Web Key Set with the keys that sign bearer tokens");
ABSL_FLAG(int, jwks_reload_seconds, 1, "how often the JWKS file is read again for rotated keys");
ABSL_FLAG(std::string, jwt_issuer, "", "the iss every token must carry");
ABSL_FLAG(std::string, jwt_audience, "assure", "the aud every token must carry");
ABSL_FLAG(int, default_deadline_ms, 10000, "deadline for calls that set none");
ABSL_FLAG(int, max_deadline_ms, 60000, "longest deadline a caller may set");
ABSL_FLAG(int, max_message_bytes, 4 << 20, "largest request or response");
ABSL_FLAG(double, rate_limit_per_second, 200, "calls a second per principal (0: no limit)");
ABSL_FLAG(double, rate_limit_burst, 400, "calls a principal may make at once");
ABSL_FLAG(int, http_max_header_bytes, 16 << 10, "largest HTTP request header (431 past it)");
ABSL_FLAG(int, http_request_timeout_seconds, 10, "time to send one HTTP request or read its answer");
ABSL_FLAG(int, http_idle_timeout_seconds, 60, "how long a kept-alive HTTP connection may wait idle");
ABSL_FLAG(int, http_max_connections, 1000, "open HTTP connections at most (503 past it)");
ABSL_FLAG(int, http_threads, 2, "threads serving HTTP connections");
ABSL_FLAG(bool, access_log, true, "write one JSON line per gRPC call to stderr");
ABSL_FLAG(int, drain_seconds, 5, "how long calls in flight may take to finish at shutdown");

namespace {

[[noreturn]] void Die(const std::string& what, const absl::Status& status) {
  std::cerr << "assure-gateway: " << what << ": " << status << "\n";
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace assure;
  using namespace assure::gateway;
  Server::PrepareProcess();
  ParseFlagsWithEnvironment(argc, argv);

  const int max_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  auto routes = Routes::Parse(absl::GetFlag(FLAGS_routes), max_bytes);
  if (!routes.ok()) Die("routes", routes.status());
  if (absl::GetFlag(FLAGS_jwt_issuer).empty()) Die("--jwt_issuer", absl::InvalidArgumentError("is required"));
  const auto jwks = ReadFile(absl::GetFlag(FLAGS_jwks_file), "jwks file");
  if (!jwks.ok()) Die("--jwks_file", jwks.status());
  auto verifier =
      JwtVerifier::FromJwks(*jwks, {absl::GetFlag(FLAGS_jwt_issuer), absl::GetFlag(FLAGS_jwt_audience)});
  if (!verifier.ok()) Die("--jwks_file", verifier.status());
  auto transcoder = Transcoder::ForServices(PublicServices());
  if (!transcoder.ok()) Die("http routes", transcoder.status());

  SystemClock clock;
  auto registry = std::make_shared<prometheus::Registry>();
  RateLimiter limiter(absl::GetFlag(FLAGS_rate_limit_per_second), absl::GetFlag(FLAGS_rate_limit_burst));
  Gatekeeper gatekeeper(**verifier, limiter, clock, *registry);
  JwksFile jwks_file(absl::GetFlag(FLAGS_jwks_file), **verifier, *registry, *jwks);
  Ticker jwks_reload(absl::Seconds(absl::GetFlag(FLAGS_jwks_reload_seconds)),
                     [&jwks_file] { jwks_file.ReloadIfChanged().IgnoreError(); });
  jwks_reload.Start();
  RpcMetrics client_metrics(*registry, RpcMetrics::Side::kClient);
  client_metrics.Preregister(PublicServices());
  Forwarder forwarder(**routes, client_metrics,
                      {absl::Milliseconds(absl::GetFlag(FLAGS_default_deadline_ms)),
                       absl::Milliseconds(absl::GetFlag(FLAGS_max_deadline_ms))},
                      clock);

  ServerConfig config;
  config.grpc_address = absl::GetFlag(FLAGS_grpc_address);
  config.metrics_address = absl::GetFlag(FLAGS_metrics_address);
  config.tls_cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  config.tls_key_file = absl::GetFlag(FLAGS_tls_key_file);
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    Die("--tls_cert_file and --tls_key_file", absl::InvalidArgumentError("are given together or not at all"));
  }
  config.access_log = absl::GetFlag(FLAGS_access_log);
  config.max_message_bytes = max_bytes;
  config.drain_timeout = absl::Seconds(absl::GetFlag(FLAGS_drain_seconds));
  config.caller_of = [&verifier, &clock](const Metadata& md) {
    return VerifiedCaller(**verifier, md, clock.Now());
  };
  Server server(config, registry);
  std::vector<std::unique_ptr<ForwardingService>> services;
  for (const std::string& name : PublicServices()) {
    if ((*routes)->ForService(name) == nullptr) continue;  // not routed: not offered
    const auto* descriptor = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    services.push_back(std::make_unique<ForwardingService>(*descriptor, gatekeeper, forwarder));
    server.AddService(services.back().get(), name);
  }
  if (auto st = server.Start(); !st.ok()) Die("grpc", st);
  server.SetServing(true);

  // Each routed backend's reachability, for the gateway dashboard and alerts.
  auto& backend_up = prometheus::BuildGauge()
                         .Name("assure_gateway_backend_up")
                         .Help("1 when the backend serving a public service answers its health check.")
                         .Register(*registry);
  BackendHealth health(**routes, PublicServices(), absl::Seconds(1),
                       [&server, &backend_up](const std::string& s, bool ok) {
                         server.SetServiceServing(s, ok);
                         backend_up.Add({{"grpc_service", s}}).Set(ok ? 1 : 0);
                       });
  health.CheckAll();
  health.Start();
  HttpMetrics http_metrics(*registry);
  HttpServerConfig http_config;
  http_config.address = absl::GetFlag(FLAGS_http_address);
  http_config.tls_cert_file = config.tls_cert_file;
  http_config.tls_key_file = config.tls_key_file;
  http_config.access_log = server.access_log();
  http_config.limits.max_body_bytes = static_cast<size_t>(max_bytes);
  http_config.limits.max_header_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_http_max_header_bytes));
  http_config.limits.request_timeout = absl::Seconds(absl::GetFlag(FLAGS_http_request_timeout_seconds));
  http_config.limits.idle_timeout = absl::Seconds(absl::GetFlag(FLAGS_http_idle_timeout_seconds));
  http_config.max_connections = absl::GetFlag(FLAGS_http_max_connections);
  http_config.threads = absl::GetFlag(FLAGS_http_threads);
  auto openapi = BuiltInOpenApi();
  if (!openapi.ok()) Die("openapi", openapi.status());
  http_config.openapi = *std::move(openapi);
  HttpServer http(http_config, *transcoder, gatekeeper, forwarder, http_metrics,
                  [&health] { return health.Snapshot(); });
  if (auto st = http.Start(); !st.ok()) Die("http", st);
  Listeners listeners = server.listeners();
  listeners.emplace_back("http", BoundAddress(http_config.address, http.port()));
  ReportServing("gateway", listeners);

  Server::WaitForShutdownSignal();
  http.Stop();
  server.Shutdown();
  health.Stop();
  jwks_reload.Stop();
  std::cerr << "{\"event\":\"stopped\",\"service\":\"gateway\"}" << std::endl;
  return 0;
}
