// A webhook subscriber for tests: an HTTP/1.1 server on a loopback port that keeps each
// request it receives and answers with the statuses it is told to, then 200.
#ifndef ASSURE_TESTS_EVENTS_WEBHOOK_RECEIVER_H_
#define ASSURE_TESTS_EVENTS_WEBHOOK_RECEIVER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <deque>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"

namespace assure::events {

class WebhookReceiver {
 public:
  struct Request {
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
  };

  WebhookReceiver() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(fd_, 16);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~WebhookReceiver() {
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }

  std::string url() const { return absl::StrCat("http://127.0.0.1:", port_, "/hook"); }
  // The next answers, in order; 200 once they are used up.
  void AnswerWith(std::vector<int> statuses) {
    absl::MutexLock lock(&mu_);
    statuses_.assign(statuses.begin(), statuses.end());
  }
  std::vector<Request> requests() {
    absl::MutexLock lock(&mu_);
    return requests_;
  }

 private:
  void Serve() {
    for (;;) {
      const int conn = accept(fd_, nullptr, nullptr);
      if (conn < 0) return;
      Request req;
      if (Read(conn, req)) {
        int status = 200;
        {
          absl::MutexLock lock(&mu_);
          requests_.push_back(req);
          if (!statuses_.empty()) {
            status = statuses_.front();
            statuses_.pop_front();
          }
        }
        const std::string answer = absl::StrCat(
            "HTTP/1.1 ", status, " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        (void)!write(conn, answer.data(), answer.size());
      }
      close(conn);
    }
  }

  static bool Read(int conn, Request& req) {
    std::string data;
    char buf[4096];
    size_t header_end = std::string::npos;
    size_t length = 0;
    for (;;) {
      const ssize_t n = read(conn, buf, sizeof buf);
      if (n <= 0) return false;
      data.append(buf, n);
      if (header_end == std::string::npos) {
        header_end = data.find("\r\n\r\n");
        if (header_end == std::string::npos) continue;
        for (absl::string_view line :
             absl::StrSplit(absl::string_view(data).substr(0, header_end), "\r\n")) {
          const size_t colon = line.find(':');
          if (colon == absl::string_view::npos) continue;
          req.headers[absl::AsciiStrToLower(line.substr(0, colon))] =
              std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
        }
        (void)absl::SimpleAtoi(req.headers["content-length"], &length);
      }
      if (data.size() >= header_end + 4 + length) {
        req.body = data.substr(header_end + 4, length);
        return true;
      }
    }
  }

  int fd_ = -1;
  int port_ = 0;
  absl::Mutex mu_;
  std::deque<int> statuses_ ABSL_GUARDED_BY(mu_);
  std::vector<Request> requests_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace assure::events

#endif  // ASSURE_TESTS_EVENTS_WEBHOOK_RECEIVER_H_
