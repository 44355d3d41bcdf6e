// The gateway's HTTP/1.1 door (keep-alive), on Boost.Beast: each request is matched to a
// route from the annotations, admitted by the Gatekeeper, transcoded and forwarded like a
// gRPC call. /healthz and the OpenAPI document, /openapi.json, answer without a token.
//
// Every answer carries the call's `traceparent` (the caller's continued, or one started), and
// each request is logged with it, its route template and its verified caller.
//
// Connections are served asynchronously by `threads` threads whatever their number; each
// phase of a connection is bounded (HttpSession), and at most `max_connections` are open at
// once: past that a new connection is answered 503 and closed, so descriptors never run out
// under the real requests. Accepting pauses briefly when the process is out of descriptors
// rather than spinning.
#ifndef ASSURE_GATEWAY_HTTP_HTTP_SERVER_H_
#define ASSURE_GATEWAY_HTTP_HTTP_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gateway/forwarder.h"
#include "gateway/gatekeeper.h"
#include "gateway/http/http_metrics.h"
#include "gateway/http/http_session.h"
#include "gateway/http/transcoder.h"
#include "services/common/access_log.h"

namespace assure::gateway {

struct HttpServerConfig {
  std::string address = "127.0.0.1:8080";
  // PEM certificate chain and key: the port then speaks HTTPS only (TLS 1.2 and later).
  std::string tls_cert_file;
  std::string tls_key_file;
  absl::Duration tls_reread = absl::Minutes(1);  // how soon a renewed certificate is taken
  // One JSON line per HTTP request (none if null): the gRPC access log's writer, shared.
  AccessLog* access_log = nullptr;
  SessionLimits limits;
  int max_connections = 1000;
  int threads = 2;
  // The API's OpenAPI document (gateway/openapi.h), served at /openapi.json without a token.
  std::string openapi;
};

class HttpServer {
 public:
  // `health` returns whether every backend is reachable and a JSON description.
  HttpServer(HttpServerConfig config, const Transcoder& transcoder, Gatekeeper& gatekeeper,
             Forwarder& forwarder, HttpMetrics& metrics,
             std::function<std::pair<bool, std::string>()> health);
  ~HttpServer();

  absl::Status Start();
  int port() const { return port_; }
  // Open connections now (for tests and the gateway's gauge).
  int connections() const;
  // Stops accepting, closes open connections, waits for requests in flight to finish.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_HTTP_HTTP_SERVER_H_
