// A real reviews backend and a real gateway in one process, each on its own port, with a
// development signer for tokens and a plain HTTP client.
#ifndef ASSURE_TESTS_GATEWAY_GATEWAY_FIXTURE_H_
#define ASSURE_TESTS_GATEWAY_GATEWAY_FIXTURE_H_

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "gateway/auth/jwt.h"
#include "services/common/auth/jwt_signer.h"
#include "gateway/backend_health.h"
#include "gateway/forwarder.h"
#include "gateway/forwarding_service.h"
#include "gateway/gatekeeper.h"
#include "gateway/http/http_server.h"
#include "gateway/openapi.h"
#include "gateway/public_services.h"
#include "services/common/outbox.h"
#include "services/common/routes.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"
#include "services/common/clock.h"
#include "services/common/server.h"
#include "services/common/store/store.h"
#include "services/reviews/service.h"
#include "tests/support/call_context.h"

namespace assure_data::reviews_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace assure::gateway {

namespace v1 = ::assure::reviews::v1;
using auth::Claims;
using auth::JwtSigner;

inline constexpr char kTestIssuer[] = "test-issuer";
inline constexpr char kTestAudience[] = "assure";

// A token `signer` issues to a user holding `role` (subject "user-<role>").
inline std::string SignedToken(const JwtSigner& signer, const std::string& role,
                               const std::string& tenant = "LA1",
                               absl::Duration ttl = absl::Minutes(10)) {
  Claims c;
  c.issuer = kTestIssuer;
  c.audience = kTestAudience;
  c.subject = "user-" + role;
  c.roles = {role};
  c.tenant = tenant;
  c.expires = absl::Now() + ttl;
  return *signer.Sign(c);
}

struct HttpReply {
  int status = 0;
  std::string body;
  std::string allow;        // the Allow header of a 405
  std::string retry_after;  // the Retry-After header of a 429
  std::string traceparent;
};

inline HttpReply HttpCall(int port, const std::string& verb, const std::string& target,
                          const std::string& body = "", const std::string& token = "",
                          const std::string& traceparent = "") {
  namespace beast = boost::beast;
  namespace http = beast::http;
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  beast::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
  if (ec) return {};
  http::request<http::string_body> req{http::string_to_verb(verb), target, 11};
  req.set(http::field::host, "localhost");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  if (!traceparent.empty()) req.set("traceparent", traceparent);
  req.body() = body;
  req.prepare_payload();
  http::write(socket, req, ec);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res, ec);
  return {ec ? 0 : static_cast<int>(res.result_int()), res.body(),
          std::string(res[http::field::allow]), std::string(res[http::field::retry_after]),
          std::string(res["traceparent"])};
}

// A backend process stand-in: the reviews service on a temporary store.
class ReviewsBackend {
 public:
  explicit ReviewsBackend(const std::string& db, int port = 0) {
    store_ = *store::Store::Open({db, 2, 256}, "reviews", assure_data::reviews_migrations::Files());
    metrics_ = std::make_unique<reviews::ReviewsMetrics>(*registry_, *store_, clock_);
    outbox_ = std::make_unique<Outbox>(*store_, routes_, clock_, *registry_, "reviews");
    service_ = std::make_unique<reviews::ReviewsService>(*store_, calendar_, clock_, *metrics_,
                                                         *outbox_, routes_);
    ServerConfig config;
    config.grpc_address = absl::StrCat("127.0.0.1:", port);
    config.access_log = false;
    server_ = std::make_unique<Server>(config, registry_);
    server_->AddService(service_.get(), reviews::ReviewsService::kName);
    EXPECT_TRUE(server_->Start().ok());
    server_->SetServing(true);
  }
  int port() const { return server_->port(); }
  std::string Metrics() { return prometheus::TextSerializer().Serialize(registry_->Collect()); }

 private:
  SystemClock clock_;
  WorkingDays calendar_ = *WorkingDays::EnglandAndWales();
  std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<reviews::ReviewsMetrics> metrics_;
  Routes routes_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<reviews::ReviewsService> service_;
  std::unique_ptr<Server> server_;
};

struct GatewayOptions {
  double rate = 0;  // no limit
  double burst = 0;
  absl::Duration default_timeout = absl::Seconds(10);
  absl::Duration max_timeout = absl::Seconds(60);
  SessionLimits limits = [] {
    SessionLimits l;
    l.max_body_bytes = 1 << 20;
    return l;
  }();
  int max_connections = 1000;
  int access_log_fd = -1;  // none
  // PEM files: both doors then speak TLS, and stub() trusts `tls_cert_file` as its root.
  std::string tls_cert_file;
  std::string tls_key_file;
  // The public service the gateway stands for, and its package's route to the backend.
  std::string package = "assure.reviews.v1";
  std::string service = "assure.reviews.v1.ReviewsService";
};

class Gateway {
 public:
  Gateway(int backend_port, const JwtSigner& signer, GatewayOptions options = {})
      : limiter_(options.rate, options.burst) {
    verifier_ = *JwtVerifier::FromJwks(signer.Jwks(), {kTestIssuer, kTestAudience});
    routes_ = *Routes::Parse(absl::StrCat(options.package, "=127.0.0.1:", backend_port), 4 << 20);
    transcoder_ = std::make_unique<Transcoder>(*Transcoder::ForServices(PublicServices()));
    gatekeeper_ = std::make_unique<Gatekeeper>(*verifier_, limiter_, clock_, *registry_);
    client_metrics_ = std::make_unique<RpcMetrics>(*registry_, RpcMetrics::Side::kClient);
    client_metrics_->Preregister(PublicServices());
    forwarder_ = std::make_unique<Forwarder>(
        *routes_, *client_metrics_, DeadlinePolicy{options.default_timeout, options.max_timeout},
        clock_);
    const auto* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(options.service);
    service_ = std::make_unique<ForwardingService>(*descriptor, *gatekeeper_, *forwarder_);
    ServerConfig config;
    config.access_log = options.access_log_fd >= 0;
    config.access_log_fd = options.access_log_fd;
    config.tls_cert_file = options.tls_cert_file;
    config.tls_key_file = options.tls_key_file;
    config.caller_of = [this](const Metadata& md) {
      return VerifiedCaller(*verifier_, md, clock_.Now());
    };
    server_ = std::make_unique<Server>(config, registry_);
    server_->AddService(service_.get(), service_->name());
    EXPECT_TRUE(server_->Start().ok());
    server_->SetServing(true);
    http_metrics_ = std::make_unique<HttpMetrics>(*registry_);
    health_ = std::make_unique<BackendHealth>(*routes_, PublicServices(), absl::Seconds(1),
                                              [this](const std::string& s, bool ok) {
                                                server_->SetServiceServing(s, ok);
                                              });
    health_->CheckAll();
    HttpServerConfig http_config;
    http_config.address = "127.0.0.1:0";
    http_config.limits = options.limits;
    http_config.max_connections = options.max_connections;
    http_config.tls_cert_file = options.tls_cert_file;
    http_config.tls_key_file = options.tls_key_file;
    http_config.tls_reread = absl::Milliseconds(100);
    http_config.access_log = server_->access_log();
    http_config.openapi = BuiltInOpenApi().value_or("");
    http_ = std::make_unique<HttpServer>(http_config, *transcoder_, *gatekeeper_, *forwarder_, *http_metrics_,
                                         [this] { return health_->Snapshot(); });
    EXPECT_TRUE(http_->Start().ok());
    channel_ = grpc::CreateChannel(server_->address(), ChannelCredentials(options.tls_cert_file));
    stub_ = v1::ReviewsService::NewStub(channel_);
  }
  ~Gateway() {
    http_->Stop();
    server_->Shutdown();
  }

  static std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials(const std::string& root) {
    if (root.empty()) return grpc::InsecureChannelCredentials();
    std::ifstream in(root);
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs.assign(std::istreambuf_iterator<char>(in), {});
    return grpc::SslCredentials(ssl);
  }

  v1::ReviewsService::Stub& stub() { return *stub_; }
  std::shared_ptr<grpc::Channel> channel() { return channel_; }
  int http_port() const { return http_->port(); }
  std::string grpc_address() const { return server_->address(); }
  HttpServer& http() { return *http_; }
  BackendHealth& health() { return *health_; }
  std::string Metrics() { return prometheus::TextSerializer().Serialize(registry_->Collect()); }

 private:
  SystemClock clock_;
  std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
  std::unique_ptr<JwtVerifier> verifier_;
  std::unique_ptr<Routes> routes_;
  std::unique_ptr<Transcoder> transcoder_;
  RateLimiter limiter_;
  std::unique_ptr<Gatekeeper> gatekeeper_;
  std::unique_ptr<RpcMetrics> client_metrics_;
  std::unique_ptr<Forwarder> forwarder_;
  std::unique_ptr<ForwardingService> service_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<HttpMetrics> http_metrics_;
  std::unique_ptr<BackendHealth> health_;
  std::unique_ptr<HttpServer> http_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::ReviewsService::Stub> stub_;
};

class GatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    signer_ = *JwtSigner::Generate(JwtSigner::Algorithm::kEs256, "test");
    backend_ = std::make_unique<ReviewsBackend>(dir_.File("reviews.db"));
    gateway_ = std::make_unique<Gateway>(backend_->port(), *signer_);
  }

  std::string Token(const std::string& role, const std::string& tenant = "LA1",
                    absl::Duration ttl = absl::Minutes(10)) {
    return SignedToken(*signer_, role, tenant, ttl);
  }
  std::unique_ptr<grpc::ClientContext> With(const std::string& token) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + token);
    return ctx;
  }

  assure::testing::TempDir dir_;
  std::unique_ptr<JwtSigner> signer_;
  std::unique_ptr<ReviewsBackend> backend_;
  std::unique_ptr<Gateway> gateway_;
};

}  // namespace assure::gateway

#endif  // ASSURE_TESTS_GATEWAY_GATEWAY_FIXTURE_H_
