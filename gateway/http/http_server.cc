#include "gateway/http/http_server.h"

#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <cmath>
#include <iostream>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gateway/http/status_codes.h"
#include "grpcpp/support/byte_buffer.h"
#include "nlohmann/json.hpp"
#include "services/common/errors.h"
#include "services/common/read_file.h"
#include "services/common/ticker.h"
#include "services/common/trace.h"

namespace assure::gateway {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Request = HttpRequest;
using Response = HttpResponse;

absl::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

Response Json(int status, std::string body) {
  Response res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::server, "assure-gateway");
  res.body() = std::move(body);
  return res;
}

// Every error with its ErrorInfo; a caller over its rate is told when to come back.
Response StatusResponse(const grpc::Status& raw) {
  const grpc::Status status = WithErrorInfo(raw);
  Response res = Json(HttpStatusFor(static_cast<int>(status.error_code())), StatusJson(status));
  if (auto wait = RetryAfter(status); wait && status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
    const int64_t seconds = std::max<int64_t>(1, absl::ToInt64Seconds(absl::Ceil(*wait, absl::Seconds(1))));
    res.set(http::field::retry_after, std::to_string(seconds));
  }
  return res;
}

std::string ToString(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (buffer.Dump(&slices).ok()) {
    for (const auto& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return out;
}

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// TLS 1.2 and later with this PEM certificate chain and key.
absl::StatusOr<std::shared_ptr<asio::ssl::context>> TlsContext(const std::string& cert,
                                                                const std::string& key) {
  auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1);
  beast::error_code ec;
  ctx->use_certificate_chain(asio::buffer(cert), ec);
  if (ec) return absl::InvalidArgumentError(absl::StrCat("--tls_cert_file: ", ec.message()));
  ctx->use_private_key(asio::buffer(key), asio::ssl::context::pem, ec);
  if (ec) return absl::InvalidArgumentError(absl::StrCat("--tls_key_file: ", ec.message()));
  return ctx;
}

}  // namespace

struct HttpServer::Impl {
  HttpServerConfig config;
  const Transcoder& transcoder;
  Gatekeeper& gatekeeper;
  Forwarder& forwarder;
  HttpMetrics& metrics;
  std::function<std::pair<bool, std::string>()> health;
  HttpHandler handler;
  HttpRefusal refuse;

  // The certificate new connections are accepted with (null: plain HTTP), replaced when
  // its files change; a connection keeps the one it was accepted with.
  absl::Mutex tls_mu;
  std::shared_ptr<asio::ssl::context> tls ABSL_GUARDED_BY(tls_mu);
  std::string tls_pem ABSL_GUARDED_BY(tls_mu);  // what `tls` was built from
  std::unique_ptr<Ticker> tls_reload;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::steady_timer> accept_pause;
  std::vector<std::thread> threads;
  mutable absl::Mutex mu;
  absl::flat_hash_map<uint64_t, std::weak_ptr<HttpSession>> sessions ABSL_GUARDED_BY(mu);
  uint64_t next_session ABSL_GUARDED_BY(mu) = 0;
  bool stopping ABSL_GUARDED_BY(mu) = false;

  Impl(HttpServerConfig c, const Transcoder& t, Gatekeeper& g, Forwarder& f, HttpMetrics& m,
       std::function<std::pair<bool, std::string>()> h)
      : config(std::move(c)), transcoder(t), gatekeeper(g), forwarder(f), metrics(m),
        health(std::move(h)) {
    handler = [this](const HttpRequest& req, std::function<void(HttpResponse)> respond) {
      Handle(req, std::move(respond));
    };
    refuse = [this](int status, const std::string& message) {
      const int code = status == 400 ? 3 : status == 503 ? 14 : 8;  // 413, 431: too large
      if (code == 8) gatekeeper.CountTooLarge();
      Response res = StatusResponse(grpc::Status(static_cast<grpc::StatusCode>(code), message));
      res.result(static_cast<http::status>(status));
      return res;
    };
  }

  // A known path asked with a verb it does not take: 405 with the verbs it does (RFC 9110
  // 15.5.6), never a 404 that would tell the caller the resource is missing.
  static Response NotAllowed(const std::string& verb, const std::vector<std::string>& allowed) {
    const std::string list = absl::StrJoin(allowed, ", ");
    Response res = StatusResponse(
        grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                     absl::StrCat("method ", verb, " is not allowed at this path; it takes ", list)));
    res.result(http::status::method_not_allowed);
    res.set(http::field::allow, list);
    return res;
  }

  std::shared_ptr<asio::ssl::context> Tls() {
    absl::MutexLock lock(&tls_mu);
    return tls;
  }

  // Reads the certificate and key, and takes them if they changed: a renewal is taken within
  // `tls_reread`; a pair that does not load is reported and the one in use kept.
  absl::Status LoadTls() {
    auto cert = ReadFile(config.tls_cert_file, "--tls_cert_file");
    if (!cert.ok()) return cert.status();
    auto key = ReadFile(config.tls_key_file, "--tls_key_file");
    if (!key.ok()) return key.status();
    const std::string pem = *cert + *key;
    {
      absl::MutexLock lock(&tls_mu);
      if (pem == tls_pem) return absl::OkStatus();
    }
    auto ctx = TlsContext(*cert, *key);
    absl::MutexLock lock(&tls_mu);
    tls_pem = pem;  // a pair that failed is not tried again until it changes
    if (!ctx.ok()) return ctx.status();
    tls = *std::move(ctx);
    return absl::OkStatus();
  }

  void ReloadTls() {
    const absl::Status st = LoadTls();
    if (st.ok()) return;
    std::cerr << nlohmann::ordered_json{{"event", "tls_refused"}, {"error", std::string(st.message())}}
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << std::endl;
  }

  struct Caller {
    std::string subject, tenant;
  };

  // Written with a JSON library from bounded values: the verb as its label, the route as its
  // template, never the path, so no caller can forge a field or log a child's identifier.
  void Log(const std::string& verb, const std::string& route, int status, double seconds,
           const Caller& caller, const std::string& trace_id) const {
    if (config.access_log == nullptr) return;
    nlohmann::ordered_json line = {{"time", FormatUtcMicros(absl::Now())},
                                   {"http_method", HttpVerbLabel(verb)},
                                   {"route", route},
                                   {"status", status},
                                   {"latency_ms", std::round(seconds * 1e6) / 1e3},
                                   {"subject", caller.subject},
                                   {"tenant", caller.tenant},
                                   {"trace_id", trace_id}};
    config.access_log->Write(
        line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).append("\n"));
  }

  // Answers one request through `respond`, counting it once it is answered.
  void Handle(const Request& req, std::function<void(HttpResponse)> respond) {
    const absl::Time start = absl::Now();
    const TraceContext trace = TraceContext::ContinueOrStart(View(req[kTraceparentHeader]));
    auto caller = std::make_shared<Caller>();  // filled once the token verifies
    auto answer = [this, start, trace, caller, verb = std::string(req.method_string()),
                   respond = std::move(respond)](const std::string& route, Response res) {
      res.set(kTraceparentHeader, trace.ToHeader());
      const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
      metrics.Observe(verb, route, res.result_int(), seconds);
      Log(verb, route, res.result_int(), seconds, *caller, trace.trace_id);
      respond(std::move(res));
    };
    const std::string target(req.target());
    const size_t q = target.find('?');
    const std::string path = target.substr(0, q);
    const std::string query = q == std::string::npos ? "" : target.substr(q + 1);
    const std::string verb(req.method_string());
    if (req.method() == http::verb::unknown) {  // RFC 9110 15.6.2: a method nobody knows
      Response res = StatusResponse(
          grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "the HTTP method is not one the API uses"));
      res.result(http::status::not_implemented);
      return answer("unmatched", std::move(res));
    }
    if (path == "/healthz") {
      if (verb != "GET") return answer("/healthz", NotAllowed(verb, {"GET"}));
      auto [ok, json] = health();
      return answer("/healthz", Json(ok ? 200 : 503, json));
    }
    if (path == "/openapi.json" && !config.openapi.empty()) {
      if (verb != "GET") return answer("/openapi.json", NotAllowed(verb, {"GET"}));
      return answer("/openapi.json", Json(200, config.openapi));
    }
    const auto match = transcoder.Match(verb, path);
    if (!match) {
      const std::vector<std::string> allowed = transcoder.VerbsAt(path);
      if (!allowed.empty()) return answer("wrong_verb", NotAllowed(verb, allowed));
      return answer("unmatched", StatusResponse(grpc::Status(
                                     grpc::StatusCode::NOT_FOUND, "no API method at this path")));
    }
    const std::string route = match->route->path.text();
    auto who = gatekeeper.Admit(View(req[http::field::authorization]), View(req[kPurposeHeader]));
    if (!who.ok()) {
      Response res = StatusResponse(ToGrpcStatus(who.status()));
      if (who.status().code() == absl::StatusCode::kUnauthenticated) {
        res.set(http::field::www_authenticate, "Bearer");
      }
      return answer(route, std::move(res));
    }
    *caller = {who->subject, who->tenant};
    who->traceparent = trace.ToHeader();
    auto bytes = transcoder.BuildRequest(*match, query, req.body());
    if (!bytes.ok()) return answer(route, StatusResponse(ToGrpcStatus(bytes.status())));
    const auto* matched = match->route;
    forwarder.Forward(matched->grpc_method, ToBuffer(*bytes), *who, absl::InfiniteFuture(),
                      [this, matched, route, answer = std::move(answer)](ForwardResult r) {
                        if (!r.status.ok()) return answer(route, StatusResponse(r.status));
                        auto json = transcoder.ResponseJson(*matched, ToString(r.response));
                        if (!json.ok()) return answer(route, StatusResponse(ToGrpcStatus(json.status())));
                        answer(route, Json(200, *std::move(json)));
                      });
  }

  void Accept() {
    acceptor->async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;  // Stop()
      if (ec) return PauseAccepting(ec);
      Admit(std::move(socket));
      Accept();
    });
  }

  // Out of descriptors (or memory): wait a moment for connections to end instead of
  // spinning on a listener the kernel keeps reporting ready.
  void PauseAccepting(const beast::error_code& ec) {
    std::cerr << "{\"event\":\"http_accept_failed\",\"detail\":\"" << ec.value() << "\"}\n";
    accept_pause->expires_after(std::chrono::milliseconds(50));
    accept_pause->async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec) Accept();
    });
  }

  void Admit(tcp::socket socket) {
    beast::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    std::shared_ptr<HttpSession> session;
    bool over = false;
    {
      // The session is only built and registered under the lock: its last reference may
      // drop on another thread at any moment, and its end takes this lock.
      absl::MutexLock lock(&mu);
      if (stopping) return;
      const uint64_t id = next_session++;
      session = HttpSession::Open(std::move(socket), Tls(), config.limits, handler, refuse,
                                  [this, id] {
                                    absl::MutexLock lock(&mu);
                                    sessions.erase(id);
                                  });
      over = static_cast<int>(sessions.size()) >= config.max_connections;
      sessions.emplace(id, session);
    }
    if (over) {
      session->RefuseAndClose(refuse(503, "the gateway has too many open connections; retry"));
    } else {
      session->Start();
    }
  }
};

HttpServer::HttpServer(HttpServerConfig config, const Transcoder& transcoder,
                       Gatekeeper& gatekeeper, Forwarder& forwarder, HttpMetrics& metrics,
                       std::function<std::pair<bool, std::string>()> health)
    : impl_(std::make_unique<Impl>(std::move(config), transcoder, gatekeeper, forwarder, metrics,
                                   std::move(health))) {}

HttpServer::~HttpServer() { Stop(); }

absl::Status HttpServer::Start() {
  const std::string& address = impl_->config.address;
  const size_t colon = address.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port)) {
    return absl::InvalidArgumentError(absl::StrCat("--http_address: '", address, "' is not host:port"));
  }
  beast::error_code ec;
  const auto ip = asio::ip::make_address(address.substr(0, colon), ec);
  if (ec) return absl::InvalidArgumentError(absl::StrCat("--http_address: bad host in ", address));
  if (!impl_->config.tls_cert_file.empty()) {
    if (auto st = impl_->LoadTls(); !st.ok()) return st;
    impl_->tls_reload = std::make_unique<Ticker>(impl_->config.tls_reread,
                                                  [this] { impl_->ReloadTls(); });
    impl_->tls_reload->Start();
  }
  impl_->acceptor = std::make_unique<tcp::acceptor>(asio::make_strand(impl_->io));
  impl_->accept_pause = std::make_unique<asio::steady_timer>(impl_->acceptor->get_executor());
  const tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
  impl_->acceptor->open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor->bind(endpoint, ec);
  if (!ec) impl_->acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("cannot listen on ", address, ": ", ec.message()));
  port_ = impl_->acceptor->local_endpoint().port();
  impl_->Accept();
  for (int i = 0; i < std::max(1, impl_->config.threads); ++i) {
    impl_->threads.emplace_back([this] { impl_->io.run(); });
  }
  return absl::OkStatus();
}

int HttpServer::connections() const {
  absl::MutexLock lock(&impl_->mu);
  return static_cast<int>(impl_->sessions.size());
}

void HttpServer::Stop() {
  if (impl_->tls_reload) impl_->tls_reload->Stop();
  if (impl_->threads.empty()) return;
  std::vector<std::shared_ptr<HttpSession>> open;
  {
    absl::MutexLock lock(&impl_->mu);
    impl_->stopping = true;
    for (auto& [id, weak] : impl_->sessions) {
      if (auto s = weak.lock()) open.push_back(std::move(s));
    }
  }
  asio::post(impl_->acceptor->get_executor(), [this] {
    beast::error_code ec;
    impl_->acceptor->close(ec);
    impl_->accept_pause->cancel();
  });
  for (auto& s : open) s->Close();
  open.clear();
  {
    // Requests in flight end within their backend deadline, then their sessions go.
    absl::MutexLock lock(&impl_->mu);
    impl_->mu.Await(absl::Condition(
        +[](absl::flat_hash_map<uint64_t, std::weak_ptr<HttpSession>>* s) { return s->empty(); },
        &impl_->sessions));
  }
  impl_->work.reset();
  impl_->io.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
}

}  // namespace assure::gateway
