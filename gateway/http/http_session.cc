#include "gateway/http/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

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

}  // namespace

HttpSession::HttpSession(asio::ip::tcp::socket socket, const SessionLimits& limits,
                         const HttpHandler& handler, const HttpRefusal& refuse,
                         std::function<void()> on_end)
    : stream_(std::move(socket)), limits_(limits), handler_(handler), refuse_(refuse),
      on_end_(std::move(on_end)) {}

HttpSession::~HttpSession() {
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  on_end_();
}

void HttpSession::Start() {
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->WaitForRequest(); });
}

void HttpSession::Close() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    self->stream_.close();
  });
}

// Idle: a kept-alive connection has `idle_timeout` to send the first byte of its next
// request; bytes already buffered (a pipelined request) start the read at once.
void HttpSession::WaitForRequest() {
  if (buffer_.size() > 0) return ReadRequest();
  stream_.expires_after(Chrono(limits_.idle_timeout));
  stream_.async_read_some(
      buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, size_t n) {
        if (ec) return;  // idle too long, closed by the client, or shut down: the session ends
        self->buffer_.commit(n);
        self->ReadRequest();
      });
}

void HttpSession::ReadRequest() {
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(limits_.max_header_bytes));
  parser_->body_limit(limits_.max_body_bytes);
  stream_.expires_after(Chrono(limits_.request_timeout));
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
}

void HttpSession::OnRead(beast::error_code ec) {
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
  stream_.expires_never();  // the backend call has its own deadline
  handler_(req, [self = shared_from_this(), keep_alive](HttpResponse res) {
    asio::post(self->stream_.get_executor(),
               [self, keep_alive, res = std::move(res)]() mutable {
                 res.keep_alive(keep_alive);
                 self->Write(std::move(res), !keep_alive);
               });
  });
}

void HttpSession::RefuseAndClose(HttpResponse response) {
  asio::dispatch(stream_.get_executor(), [self = shared_from_this(), r = std::move(response)]() mutable {
    self->Write(std::move(r), true);
  });
}

void HttpSession::Write(HttpResponse response, bool close_after) {
  auto res = std::make_shared<HttpResponse>(std::move(response));
  if (close_after) res->keep_alive(false);
  res->prepare_payload();
  stream_.expires_after(Chrono(limits_.request_timeout));
  http::async_write(stream_, *res,
                    [self = shared_from_this(), res, close_after](beast::error_code ec, size_t) {
                      if (ec) return;  // the session ends and closes the socket
                      if (close_after) return self->LingeringClose();
                      self->WaitForRequest();
                    });
}

// As nginx's lingering_close: after the last response, stop sending and read (and drop)
// what the client still sends for a moment, so closing with unread bytes does not reset the
// connection before the client has read the answer.
void HttpSession::LingeringClose() {
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  if (ec) return;
  stream_.expires_after(std::chrono::seconds(2));
  Drain();
}

void HttpSession::Drain() {
  buffer_.clear();
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                            if (!ec) self->Drain();
                          });
}

}  // namespace assure::gateway
