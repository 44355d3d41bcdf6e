// The gateway's HTTP/1.1 door (keep-alive), on Boost.Beast: each request is matched to a
// route from the annotations, admitted by the Gatekeeper, transcoded and forwarded like a
// gRPC call. /healthz answers without a token. One thread per connection: connections are
// few (clients and load balancers keep them alive), and a thread waiting on a backend costs
// little beside the call itself.
#ifndef ASSURE_GATEWAY_HTTP_HTTP_SERVER_H_
#define ASSURE_GATEWAY_HTTP_HTTP_SERVER_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "gateway/forwarder.h"
#include "gateway/gatekeeper.h"
#include "gateway/http/http_metrics.h"
#include "gateway/http/transcoder.h"

namespace assure::gateway {

struct HttpServerConfig {
  std::string address = "127.0.0.1:8080";
  size_t max_body_bytes = 4 << 20;
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
  // Stops accepting, closes open connections, waits for their threads.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_HTTP_HTTP_SERVER_H_
