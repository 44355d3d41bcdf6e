// The worklist read on assure-reviews for one authority of --children children: seeds them
// (each looked after from a day in the last --spread_days, nine in ten with their first
// review scheduled, so some are overdue, some due soon, and one in ten has none scheduled),
// then --concurrency workers read the worklist's first pages in a closed loop: overdue
// meetings in due date order, meetings due soon, and children with no meeting scheduled.
// Prints reads a second and the latency of one read (p50/p99, microseconds).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "services/common/dates.h"
#include "services/common/principal.h"
#include "bench/percentile.h"

ABSL_FLAG(std::string, target, "127.0.0.1:7001", "assure-reviews address");
ABSL_FLAG(int, children, 5000, "children in the authority");
ABSL_FLAG(int, spread_days, 60, "looked after from a day in this many days back");
ABSL_FLAG(int, concurrency, 16, "reads in flight");
ABSL_FLAG(double, duration, 8, "seconds measured");
ABSL_FLAG(std::string, tenant, "", "tenant (default: a fresh one per run)");
ABSL_FLAG(bool, seed, true, "seed the tenant first (false: it was seeded by an earlier run)");

namespace {

using assure::bench::Percentile;

namespace v1 = ::assure::reviews::v1;
using Clock = std::chrono::steady_clock;

std::unique_ptr<grpc::ClientContext> As(const std::string& tenant, const char* role) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata(assure::kSubjectHeader, "bench");
  ctx->AddMetadata(assure::kRolesHeader, role);
  ctx->AddMetadata(assure::kTenantHeader, tenant);
  return ctx;
}

// Runs `each(i)` for i in [0, n) on `threads` threads; false if any call failed.
template <typename Each>
bool Parallel(int n, int threads, Each each) {
  std::atomic<int> next{0};
  std::atomic<bool> ok{true};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = next++; i < n && ok; i = next++) ok = ok && each(i);
    });
  }
  for (auto& t : pool) t.join();
  return ok;
}

bool Seed(v1::ReviewsService::Stub& stub, const std::string& tenant) {
  const absl::CivilDay today = assure::LondonDay(absl::Now());
  const int spread = std::max(1, absl::GetFlag(FLAGS_spread_days));
  return Parallel(absl::GetFlag(FLAGS_children), 32, [&](int i) {
    v1::CreateChildRequest child;
    child.set_child_id(absl::StrCat("W", i));
    *child.mutable_child()->mutable_birth_date() = assure::ToProto(absl::CivilDay(2012, 1, 1));
    auto* period = child.mutable_child()->add_periods_of_care();
    *period->mutable_start_date() = assure::ToProto(today - (i % spread));
    period->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
    v1::Child created;
    grpc::Status st = stub.CreateChild(As(tenant, "case_system").get(), child, &created);
    if (!st.ok()) {
      std::fprintf(stderr, "CreateChild: %s\n", st.error_message().c_str());
      return false;
    }
    if (i % 10 == 9) return true;  // none scheduled
    v1::CreateReviewRequest review;
    review.set_parent(created.name());
    review.mutable_review()->set_kind(v1::REVIEW_KIND_LAC_REVIEW);
    v1::Review scheduled;
    st = stub.CreateReview(As(tenant, "iro").get(), review, &scheduled);
    if (!st.ok()) std::fprintf(stderr, "CreateReview: %s\n", st.error_message().c_str());
    return st.ok();
  });
}

// One worklist read, by turns: overdue, due soon, unscheduled; the rows it returned.
int Read(v1::ReviewsService::Stub& stub, const std::string& tenant, long turn, grpc::Status& st) {
  if (turn % 3 == 2) {
    v1::ListUnscheduledMeetingsRequest req;
    req.set_parent("children/-");
    v1::ListUnscheduledMeetingsResponse out;
    st = stub.ListUnscheduledMeetings(As(tenant, "iro_manager").get(), req, &out);
    return out.unscheduled_meetings_size();
  }
  v1::ListReviewsRequest req;
  req.set_parent("children/-");
  req.set_filter(turn % 3 == 0 ? "overdue = true" : "due_soon = true");
  req.set_order_by("due_date");
  v1::ListReviewsResponse out;
  st = stub.ListReviews(As(tenant, "iro_manager").get(), req, &out);
  return out.reviews_size();
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::string tenant = absl::GetFlag(FLAGS_tenant);
  if (tenant.empty()) tenant = absl::StrCat("WL", absl::ToUnixSeconds(absl::Now()));
  auto stub = v1::ReviewsService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials()));
  if (absl::GetFlag(FLAGS_seed) && !Seed(*stub, tenant)) return 1;

  std::atomic<bool> stop{false};
  std::atomic<long> turns{0}, errors{0}, empty{0};
  std::mutex mu;
  std::vector<int64_t> latencies;
  const auto begin = Clock::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < absl::GetFlag(FLAGS_concurrency); ++w) {
    workers.emplace_back([&] {
      std::vector<int64_t> mine;
      while (!stop) {
        const auto start = Clock::now();
        grpc::Status st;
        const int rows = Read(*stub, tenant, turns++, st);
        mine.push_back(
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
        if (!st.ok()) ++errors;
        if (rows == 0) ++empty;
      }
      std::lock_guard<std::mutex> lock(mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(absl::GetFlag(FLAGS_duration)));
  stop = true;
  for (auto& w : workers) w.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  std::sort(latencies.begin(), latencies.end());
  std::printf("children=%d concurrency=%d reads_per_s=%.0f p50_us=%ld p99_us=%ld errors=%ld "
              "empty_pages=%ld\n",
              absl::GetFlag(FLAGS_children), absl::GetFlag(FLAGS_concurrency),
              latencies.size() / seconds, (long)Percentile(latencies, 0.50),
              (long)Percentile(latencies, 0.99), errors.load(), empty.load());
  return errors.load() > 0 || empty.load() > 0 ? 1 : 0;
}
