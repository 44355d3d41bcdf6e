// Closed-loop load on assure-reviews: each of --concurrency workers creates a child and
// then gets it back, again and again, on one channel (or --channels). Prints pairs per
// second and the latency of a whole create+get pair (p50/p90/p99/p99.9, microseconds),
// measured after --warmup seconds.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "services/common/dates.h"
#include "services/common/principal.h"
#include "bench/percentile.h"

ABSL_FLAG(std::string, target, "127.0.0.1:7001", "assure-reviews address");
ABSL_FLAG(int, concurrency, 16, "create+get pairs in flight");
ABSL_FLAG(int, channels, 1, "channels the workers share round-robin");
ABSL_FLAG(double, duration, 10, "seconds measured");
ABSL_FLAG(double, warmup, 2, "seconds run before measuring");
ABSL_FLAG(std::string, tenant, "BENCH", "tenant the load writes under");
ABSL_FLAG(std::string, token, "",
          "bearer token (through the gateway); without it the principal goes as metadata, as "
          "the gateway would send it");

namespace {

using assure::bench::Percentile;

namespace v1 = ::assure::reviews::v1;
using Clock = std::chrono::steady_clock;

struct Shared {
  std::vector<std::unique_ptr<v1::ReviewsService::Stub>> stubs;
  std::string run_id;
  std::atomic<long> next_id{0};
  std::atomic<bool> measuring{false};
  std::atomic<bool> stopping{false};
  std::atomic<long> errors{0};
  std::mutex mu;
  std::vector<int64_t> latencies_us;
  std::atomic<int> active{0};
  absl::Notification all_done;
};

void AddPrincipal(grpc::ClientContext& ctx, const std::string& tenant, const char* role) {
  static const std::string token = absl::GetFlag(FLAGS_token);
  if (!token.empty()) {
    ctx.AddMetadata("authorization", "Bearer " + token);
    return;
  }
  ctx.AddMetadata(assure::kSubjectHeader, "bench");
  ctx.AddMetadata(assure::kRolesHeader, role);
  ctx.AddMetadata(assure::kTenantHeader, tenant);
}

// One worker: a create, then a get of what it created, then the next pair.
class Worker {
 public:
  Worker(Shared& shared, v1::ReviewsService::Stub& stub, std::string tenant)
      : shared_(shared), stub_(stub), tenant_(std::move(tenant)) {}

  void Start() {
    if (shared_.stopping) {
      if (--shared_.active == 0) shared_.all_done.Notify();
      return;
    }
    start_ = Clock::now();
    create_ctx_ = std::make_unique<grpc::ClientContext>();
    AddPrincipal(*create_ctx_, tenant_, "case_system");
    create_.Clear();
    create_.set_child_id(absl::StrCat(shared_.run_id, "-", shared_.next_id++));
    *create_.mutable_child()->mutable_birth_date() = assure::ToProto(absl::CivilDay(2014, 3, 1));
    auto* p = create_.mutable_child()->add_periods_of_care();
    *p->mutable_start_date() = assure::ToProto(absl::CivilDay(2026, 3, 2));
    p->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
    stub_.async()->CreateChild(create_ctx_.get(), &create_, &created_,
                               [this](grpc::Status st) { AfterCreate(st); });
  }

 private:
  void AfterCreate(const grpc::Status& st) {
    if (!st.ok()) {
      ++shared_.errors;
      return Start();
    }
    get_ctx_ = std::make_unique<grpc::ClientContext>();
    AddPrincipal(*get_ctx_, tenant_, "iro");
    get_.set_name(created_.name());
    stub_.async()->GetChild(get_ctx_.get(), &get_, &got_,
                            [this](grpc::Status st) { AfterGet(st); });
  }

  void AfterGet(const grpc::Status& st) {
    if (!st.ok()) {
      ++shared_.errors;
    } else if (shared_.measuring) {
      const auto us =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_).count();
      std::lock_guard<std::mutex> lock(shared_.mu);
      shared_.latencies_us.push_back(us);
    }
    Start();
  }

  Shared& shared_;
  v1::ReviewsService::Stub& stub_;
  std::string tenant_;
  Clock::time_point start_;
  std::unique_ptr<grpc::ClientContext> create_ctx_, get_ctx_;
  v1::CreateChildRequest create_;
  v1::Child created_, got_;
  v1::GetChildRequest get_;
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  Shared shared;
  shared.run_id = absl::StrCat("b", std::chrono::system_clock::now().time_since_epoch().count());
  for (int i = 0; i < std::max(1, absl::GetFlag(FLAGS_channels)); ++i) {
    grpc::ChannelArguments args;
    args.SetInt("grpc.channel_id", i);  // distinct channels, not one shared subchannel
    shared.stubs.push_back(v1::ReviewsService::NewStub(grpc::CreateCustomChannel(
        absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials(), args)));
  }
  const int n = absl::GetFlag(FLAGS_concurrency);
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < n; ++i) {
    workers.push_back(std::make_unique<Worker>(shared, *shared.stubs[i % shared.stubs.size()],
                                               absl::GetFlag(FLAGS_tenant)));
  }
  shared.active = n;
  for (auto& w : workers) w->Start();
  std::this_thread::sleep_for(std::chrono::duration<double>(absl::GetFlag(FLAGS_warmup)));
  shared.measuring = true;
  const auto begin = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(absl::GetFlag(FLAGS_duration)));
  shared.measuring = false;
  const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  shared.stopping = true;
  shared.all_done.WaitForNotification();

  std::vector<int64_t> lat;
  {
    std::lock_guard<std::mutex> lock(shared.mu);
    lat = shared.latencies_us;
  }
  std::sort(lat.begin(), lat.end());
  std::printf(
      "concurrency=%d pairs_per_s=%.0f rpc_per_s=%.0f p50_us=%ld p90_us=%ld p99_us=%ld "
      "p999_us=%ld errors=%ld\n",
      n, lat.size() / seconds, 2 * lat.size() / seconds, (long)Percentile(lat, 0.50),
      (long)Percentile(lat, 0.90), (long)Percentile(lat, 0.99), (long)Percentile(lat, 0.999),
      shared.errors.load());
  return shared.errors.load() > 0 ? 1 : 0;
}
