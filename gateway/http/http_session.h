// One HTTP/1.1 connection at the gateway's door, driven asynchronously on a small fixed pool
// of threads, with every phase bounded as nginx and Envoy bound theirs:
//   * waiting for a request on a kept-alive connection: `idle_timeout`, then closed;
//   * reading one request's header and body: `request_timeout` (a slow sender is closed);
//   * header larger than `max_header_bytes`: 431; body larger than `max_body_bytes`: 413;
//     a request line or header that does not parse: 400 — each answered, then closed;
//   * writing the response: `request_timeout` again (a reader that stops reading is closed);
//   * over TLS, the handshake: `request_timeout` too.
// The handler answers through a callback, so a request waiting on a backend holds no thread.
#ifndef ASSURE_GATEWAY_HTTP_HTTP_SESSION_H_
#define ASSURE_GATEWAY_HTTP_HTTP_SESSION_H_

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/time/time.h"

namespace assure::gateway {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

struct SessionLimits {
  size_t max_header_bytes = 16 << 10;
  size_t max_body_bytes = 4 << 20;
  absl::Duration request_timeout = absl::Seconds(10);
  absl::Duration idle_timeout = absl::Seconds(60);
};

// Answers one request: calls `respond` exactly once, from any thread.
using HttpHandler =
    std::function<void(const HttpRequest&, std::function<void(HttpResponse)> respond)>;
// A response for a request refused before it was handled (status and message).
using HttpRefusal = std::function<HttpResponse(int status, const std::string& message)>;

class HttpSession {
 public:
  // A session on `socket`, speaking TLS when `tls` is given. `on_end` runs when the session
  // is destroyed (the server counts open connections).
  static std::shared_ptr<HttpSession> Open(boost::asio::ip::tcp::socket socket,
                                           std::shared_ptr<boost::asio::ssl::context> tls,
                                           const SessionLimits& limits, const HttpHandler& handler,
                                           const HttpRefusal& refuse, std::function<void()> on_end);
  virtual ~HttpSession() = default;

  virtual void Start() = 0;
  // Answers `response` and closes: for connections over the server's limit.
  virtual void RefuseAndClose(HttpResponse response) = 0;
  // Closes the connection from any thread; handlers in flight finish against a closed socket.
  virtual void Close() = 0;
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_HTTP_HTTP_SESSION_H_
