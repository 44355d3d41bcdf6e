#include "gateway/http/http_server.h"

#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gateway/http/status_codes.h"
#include "grpcpp/support/byte_buffer.h"
#include "services/common/errors.h"

namespace assure::gateway {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

Response Json(int status, std::string body) {
  Response res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::server, "assure-gateway");
  res.body() = std::move(body);
  return res;
}

Response StatusResponse(const grpc::Status& status) {
  return Json(HttpStatusFor(static_cast<int>(status.error_code())), StatusJson(status));
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

}  // namespace

struct HttpServer::Impl {
  HttpServerConfig config;
  const Transcoder& transcoder;
  Gatekeeper& gatekeeper;
  Forwarder& forwarder;
  HttpMetrics& metrics;
  std::function<std::pair<bool, std::string>()> health;

  asio::io_context io;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::thread accept_thread;
  absl::Mutex mu;
  std::set<int> open_sockets ABSL_GUARDED_BY(mu);
  int sessions ABSL_GUARDED_BY(mu) = 0;
  bool stopping ABSL_GUARDED_BY(mu) = false;

  Impl(HttpServerConfig c, const Transcoder& t, Gatekeeper& g, Forwarder& f, HttpMetrics& m,
       std::function<std::pair<bool, std::string>()> h)
      : config(std::move(c)), transcoder(t), gatekeeper(g), forwarder(f), metrics(m),
        health(std::move(h)) {}

  Response Handle(const Request& req, std::string* route_label) {
    const std::string target(req.target());
    const size_t q = target.find('?');
    const std::string path = target.substr(0, q);
    const std::string query = q == std::string::npos ? "" : target.substr(q + 1);
    if (path == "/healthz") {
      *route_label = "/healthz";
      auto [ok, json] = health();
      return Json(ok ? 200 : 503, json);
    }
    const auto match = transcoder.Match(std::string(req.method_string()), path);
    if (!match) {
      *route_label = "unmatched";
      return StatusResponse(grpc::Status(
          grpc::StatusCode::NOT_FOUND,
          absl::StrCat("no API method at ", std::string(req.method_string()), " ", path)));
    }
    *route_label = match->route->path.text();
    auto who = gatekeeper.Admit(std::string(req[http::field::authorization]));
    if (!who.ok()) {
      Response res = StatusResponse(ToGrpcStatus(who.status()));
      if (who.status().code() == absl::StatusCode::kUnauthenticated) {
        res.set(http::field::www_authenticate, "Bearer");
      }
      return res;
    }
    who->purpose = std::string(req["x-assure-purpose"]);
    auto bytes = transcoder.BuildRequest(*match, query, req.body());
    if (!bytes.ok()) return StatusResponse(ToGrpcStatus(bytes.status()));

    absl::Notification done;
    ForwardResult result;
    forwarder.Forward(match->route->grpc_method, ToBuffer(*bytes), *who, absl::InfiniteFuture(),
                      [&](ForwardResult r) {
                        result = std::move(r);
                        done.Notify();
                      });
    done.WaitForNotification();
    if (!result.status.ok()) return StatusResponse(result.status);
    auto json = transcoder.ResponseJson(*match->route, ToString(result.response));
    if (!json.ok()) return StatusResponse(ToGrpcStatus(json.status()));
    return Json(200, *std::move(json));
  }

  void Session(tcp::socket socket) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(config.max_body_bytes);
      http::read(socket, buffer, parser, ec);
      if (ec == http::error::body_limit) {
        gatekeeper.CountTooLarge();
        Response res = StatusResponse(grpc::Status(
            grpc::StatusCode::RESOURCE_EXHAUSTED,
            absl::StrCat("body: larger than the limit of ", config.max_body_bytes, " bytes")));
        res.result(http::status::payload_too_large);
        res.keep_alive(false);
        res.prepare_payload();
        http::write(socket, res, ec);
        break;
      }
      if (ec) break;  // end of stream, reset, or shut down by Stop()
      const Request req = parser.release();
      const absl::Time start = absl::Now();
      std::string route;
      Response res = Handle(req, &route);
      metrics.Observe(std::string(req.method_string()), route, res.result_int(),
                      absl::ToDoubleSeconds(absl::Now() - start));
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      http::write(socket, res, ec);
      if (ec || !res.keep_alive()) break;
    }
    socket.shutdown(tcp::socket::shutdown_both, ec);
  }

  void AcceptLoop() {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket(io);
      acceptor->accept(socket, ec);
      absl::MutexLock lock(&mu);
      if (stopping) return;
      if (ec) continue;
      socket.set_option(tcp::no_delay(true), ec);
      const int fd = socket.native_handle();
      open_sockets.insert(fd);
      ++sessions;
      std::thread([this, fd, s = std::move(socket)]() mutable {
        Session(std::move(s));
        absl::MutexLock lock(&mu);
        open_sockets.erase(fd);
        --sessions;
      }).detach();
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
  impl_->acceptor = std::make_unique<tcp::acceptor>(impl_->io);
  const tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
  impl_->acceptor->open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor->bind(endpoint, ec);
  if (!ec) impl_->acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("cannot listen on ", address, ": ", ec.message()));
  port_ = impl_->acceptor->local_endpoint().port();
  impl_->accept_thread = std::thread([this] { impl_->AcceptLoop(); });
  return absl::OkStatus();
}

void HttpServer::Stop() {
  if (!impl_->accept_thread.joinable()) return;
  {
    absl::MutexLock lock(&impl_->mu);
    impl_->stopping = true;
    // Wakes the blocked accept and every blocked read.
    ::shutdown(impl_->acceptor->native_handle(), SHUT_RDWR);
    for (int fd : impl_->open_sockets) ::shutdown(fd, SHUT_RDWR);
  }
  impl_->accept_thread.join();
  absl::MutexLock lock(&impl_->mu);
  impl_->mu.Await(absl::Condition(
      +[](int* sessions) { return *sessions == 0; }, &impl_->sessions));
}

}  // namespace assure::gateway
