// Closed-loop HTTP/JSON load through the gateway: --concurrency keep-alive connections, each
// creating a child (POST /v1/children) and reading it back (GET /v1/children/{id}), again
// and again. Prints pairs per second and pair latency like reviews_load.
#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "bench/percentile.h"

ABSL_FLAG(std::string, host, "127.0.0.1", "gateway HTTP host");
ABSL_FLAG(int, port, 8080, "gateway HTTP port");
ABSL_FLAG(std::string, token, "", "bearer token with a role that may create and read children");
ABSL_FLAG(int, concurrency, 16, "connections, each with one create+get pair in flight");
ABSL_FLAG(double, duration, 10, "seconds measured");
ABSL_FLAG(double, warmup, 2, "seconds run before measuring");

namespace {

using assure::bench::Percentile;

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr char kChild[] =
    R"({"birthDate":{"year":2014,"month":3,"day":1},"periodsOfCare":[{"startDate":)"
    R"({"year":2026,"month":3,"day":2},"legalStatus":"LEGAL_STATUS_CARE_ORDER"}]})";

std::atomic<bool> measuring{false}, stopping{false};
std::atomic<long> errors{0}, next_id{0};
std::mutex mu;
std::vector<int64_t> latencies;

bool Call(tcp::socket& socket, beast::flat_buffer& buffer, http::verb verb,
          const std::string& target, const std::string& body) {
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, "gateway");
  req.set(http::field::authorization, "Bearer " + absl::GetFlag(FLAGS_token));
  req.set(http::field::content_type, "application/json");
  req.keep_alive(true);
  req.body() = body;
  req.prepare_payload();
  beast::error_code ec;
  http::write(socket, req, ec);
  if (ec) return false;
  http::response<http::string_body> res;
  http::read(socket, buffer, res, ec);
  return !ec && res.result_int() == 200;
}

void Worker(const std::string& run) {
  boost::asio::io_context io;
  tcp::socket socket(io);
  beast::error_code ec;
  socket.connect({boost::asio::ip::make_address(absl::GetFlag(FLAGS_host)),
                  static_cast<unsigned short>(absl::GetFlag(FLAGS_port))},
                 ec);
  if (ec) {
    ++errors;
    return;
  }
  socket.set_option(tcp::no_delay(true));
  beast::flat_buffer buffer;
  while (!stopping) {
    const std::string id = absl::StrCat(run, "-", next_id++);
    const auto start = Clock::now();
    const bool ok = Call(socket, buffer, http::verb::post, "/v1/children?childId=" + id, kChild) &&
                    Call(socket, buffer, http::verb::get, "/v1/children/" + id, "");
    if (!ok) {
      ++errors;
      continue;
    }
    if (measuring) {
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
      std::lock_guard<std::mutex> lock(mu);
      latencies.push_back(us.count());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string run = absl::StrCat("h", std::chrono::system_clock::now().time_since_epoch().count());
  std::vector<std::thread> workers;
  for (int i = 0; i < absl::GetFlag(FLAGS_concurrency); ++i) workers.emplace_back(Worker, run);
  std::this_thread::sleep_for(std::chrono::duration<double>(absl::GetFlag(FLAGS_warmup)));
  measuring = true;
  const auto begin = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(absl::GetFlag(FLAGS_duration)));
  measuring = false;
  const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  stopping = true;
  for (auto& w : workers) w.join();
  std::sort(latencies.begin(), latencies.end());
  std::printf(
      "concurrency=%d pairs_per_s=%.0f rpc_per_s=%.0f p50_us=%ld p90_us=%ld p99_us=%ld "
      "p999_us=%ld errors=%ld\n",
      absl::GetFlag(FLAGS_concurrency), latencies.size() / seconds, 2 * latencies.size() / seconds,
      (long)Percentile(latencies, 0.5), (long)Percentile(latencies, 0.9),
      (long)Percentile(latencies, 0.99), (long)Percentile(latencies, 0.999), errors.load());
  return errors.load() > 0 ? 1 : 0;
}
