#include "gateway/http/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/ssl.hpp>
#include <type_traits>

namespace assure::gateway {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

std::chrono::steady_clock::duration Chrono(absl::Duration d) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      absl::ToChronoNanoseconds(d));
}

// Parser errors that mean the request itself is malformed, so it is answered 400.
bool IsMalformed(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_method).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message &&
         ec != http::error::need_more && ec != http::error::need_buffer;
}

// One connection over `Stream`: beast::tcp_stream, or beast::ssl_stream over one.
template <class Stream>
class StreamSession final : public HttpSession,
                            public std::enable_shared_from_this<StreamSession<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  StreamSession(asio::ip::tcp::socket socket, std::shared_ptr<asio::ssl::context> tls,
                const SessionLimits& limits, const HttpHandler& handler, const HttpRefusal& refuse,
                std::function<void()> on_end)
      : tls_(std::move(tls)),
        stream_(MakeStream(std::move(socket), tls_.get())),
        limits_(limits),
        handler_(handler),
        refuse_(refuse),
        on_end_(std::move(on_end)) {}

  ~StreamSession() override {
    beast::error_code ec;
    Lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    on_end_();
  }

  void Start() override {
    asio::dispatch(stream_.get_executor(),
                   [self = Self()] { self->Greet([self] { self->WaitForRequest(); }); });
  }

  void RefuseAndClose(HttpResponse response) override {
    asio::dispatch(stream_.get_executor(), [self = Self(), r = std::move(response)]() mutable {
      self->Greet([self, r = std::move(r)]() mutable { self->Write(std::move(r), true); });
    });
  }

  void Close() override {
    asio::post(stream_.get_executor(), [self = Self()] {
      beast::error_code ec;
      self->Lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
      self->Lowest().close();
    });
  }

 private:
  static Stream MakeStream(asio::ip::tcp::socket socket, asio::ssl::context* tls) {
    if constexpr (kTls) {
      return Stream(std::move(socket), *tls);
    } else {
      return Stream(std::move(socket));
    }
  }
  std::shared_ptr<StreamSession> Self() { return this->shared_from_this(); }
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  // Over TLS the handshake comes first, bounded like a request; then `next`.
  template <class Next>
  void Greet(Next next) {
    if constexpr (kTls) {
      Lowest().expires_after(Chrono(limits_.request_timeout));
      stream_.async_handshake(
          asio::ssl::stream_base::server,
          [self = Self(), next = std::move(next)](beast::error_code ec) mutable {
            if (!ec) next();  // a failed handshake ends the session
          });
    } else {
      next();
    }
  }

  // Idle: a kept-alive connection has `idle_timeout` to send the first byte of its next
  // request; bytes already buffered (a pipelined request) start the read at once.
  void WaitForRequest() {
    if (buffer_.size() > 0) return ReadRequest();
    Lowest().expires_after(Chrono(limits_.idle_timeout));
    stream_.async_read_some(buffer_.prepare(4096), [self = Self()](beast::error_code ec, size_t n) {
      if (ec) return;  // idle too long, closed, or shut down: the end
      self->buffer_.commit(n);
      self->ReadRequest();
    });
  }

  void ReadRequest() {
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(limits_.max_header_bytes));
    parser_->body_limit(limits_.max_body_bytes);
    Lowest().expires_after(Chrono(limits_.request_timeout));
    http::async_read(stream_, buffer_, *parser_,
                     [self = Self()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::header_limit) {
      return Write(refuse_(431, "request header: larger than the limit of " +
                                    std::to_string(limits_.max_header_bytes) + " bytes"),
                   true);
    }
    if (ec == http::error::body_limit) {
      return Write(refuse_(413, "body: larger than the limit of " +
                                    std::to_string(limits_.max_body_bytes) + " bytes"),
                   true);
    }
    if (ec && IsMalformed(ec)) {
      return Write(refuse_(400, "request: not valid HTTP/1.1 (" + ec.message() + ")"), true);
    }
    if (ec) return;  // timed out, reset or closed mid-request: nothing to answer
    HttpRequest req = parser_->release();
    const bool keep_alive = req.keep_alive();
    Lowest().expires_never();  // the backend call has its own deadline
    handler_(req, [self = Self(), keep_alive](HttpResponse res) {
      asio::post(self->stream_.get_executor(), [self, keep_alive, res = std::move(res)]() mutable {
        res.keep_alive(keep_alive);
        self->Write(std::move(res), !keep_alive);
      });
    });
  }

  void Write(HttpResponse response, bool close_after) {
    auto res = std::make_shared<HttpResponse>(std::move(response));
    if (close_after) res->keep_alive(false);
    res->prepare_payload();
    Lowest().expires_after(Chrono(limits_.request_timeout));
    http::async_write(stream_, *res,
                      [self = Self(), res, close_after](beast::error_code ec, size_t) {
                        if (ec) return;  // the session ends and closes the socket
                        if (close_after) return self->LingeringClose();
                        self->WaitForRequest();
                      });
  }

  // As nginx's lingering_close: after the last response, stop sending and read (and drop)
  // what the client still sends for a moment, so closing with unread bytes does not reset
  // the connection before the client has read the answer. Over TLS, close_notify first.
  void LingeringClose() {
    Lowest().expires_after(std::chrono::seconds(2));
    if constexpr (kTls) {
      stream_.async_shutdown([self = Self()](beast::error_code) {});
    } else {
      beast::error_code ec;
      Lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
      if (!ec) Drain();
    }
  }

  void Drain() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(4096), [self = Self()](beast::error_code ec, size_t) {
      if (!ec) self->Drain();
    });
  }

  // The certificate the connection was accepted with, kept while it lasts though renewed.
  std::shared_ptr<asio::ssl::context> tls_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const SessionLimits& limits_;
  const HttpHandler& handler_;
  const HttpRefusal& refuse_;
  std::function<void()> on_end_;
};

}  // namespace

std::shared_ptr<HttpSession> HttpSession::Open(asio::ip::tcp::socket socket,
                                               std::shared_ptr<asio::ssl::context> tls,
                                               const SessionLimits& limits,
                                               const HttpHandler& handler,
                                               const HttpRefusal& refuse,
                                               std::function<void()> on_end) {
  if (tls != nullptr) {
    return std::make_shared<StreamSession<beast::ssl_stream<beast::tcp_stream>>>(
        std::move(socket), std::move(tls), limits, handler, refuse, std::move(on_end));
  }
  return std::make_shared<StreamSession<beast::tcp_stream>>(std::move(socket), nullptr, limits,
                                                            handler, refuse, std::move(on_end));
}

}  // namespace assure::gateway
