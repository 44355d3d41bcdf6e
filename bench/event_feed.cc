// event_feed: events delivered a second from a sender's outbox to a watching client, and
// how long each took. A sender (a store with the platform's tables, as every service has)
// publishes --rate events a second for --seconds, each in its own write sharing the store's
// group commits, as a busy service's changes would; its outbox relay sends them to an
// assure-events process on this machine; a client watches the feed through WatchEvents.
// Latency is from the change's write (the event's occur_time) to its arrival at the watcher.
// Stores are durable SQLite files unless --sender_store / --events_store name others.
//   event_feed --rate=6000 --seconds=8 [--bin_dir=build/release/bin]
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "assure/events/v1/events_service.grpc.pb.h"
#include "bench/percentile.h"
#include "bench/started_service.h"
#include "grpcpp/create_channel.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/dates.h"
#include "services/common/domain_events.h"
#include "services/common/outbox.h"
#include "services/common/routes.h"

ABSL_FLAG(int, rate, 6000, "events published a second");
ABSL_FLAG(int, seconds, 8, "how long to publish");
ABSL_FLAG(std::string, dir, "", "where the SQLite files go (default: a temporary folder)");
ABSL_FLAG(std::string, sender_store, "", "the sender's store (default: a SQLite file in --dir)");
ABSL_FLAG(std::string, events_store, "", "the feed's store (default: a SQLite file in --dir)");
ABSL_FLAG(std::string, bin_dir, "", "where assure-events is (default: beside this)");

namespace {

namespace fs = std::filesystem;
namespace ev = assure::events::v1;

[[noreturn]] void Die(const std::string& what, const absl::Status& st) {
  std::cerr << "event_feed: " << what << ": " << st << std::endl;
  std::exit(1);
}

// A staff member's watch of the whole feed: each event's delivery time in microseconds.
class Watch {
 public:
  Watch(const std::string& address, int expected) : expected_(expected) {
    stub_ = ev::EventsService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    ctx_.AddMetadata("x-assure-subject", "bench-watcher");
    ctx_.AddMetadata("x-assure-roles", "iro_manager");
    ctx_.AddMetadata("x-assure-tenant", "LA1");
    thread_ = std::thread([this] { Run(); });
  }
  // Waits for every event (or `limit`), then ends the watch.
  void Finish(absl::Duration limit) {
    const absl::Time give_up = absl::Now() + limit;
    while (received() < expected_ && absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(20));
    }
    ctx_.TryCancel();
    thread_.join();
  }
  int received() {
    absl::MutexLock lock(&mu_);
    return static_cast<int>(latencies_us_.size());
  }
  std::vector<int64_t> latencies_us() {
    absl::MutexLock lock(&mu_);
    return latencies_us_;
  }
  absl::Time last_arrival() {
    absl::MutexLock lock(&mu_);
    return last_;
  }

 private:
  void Run() {
    auto reader = stub_->WatchEvents(&ctx_, ev::WatchEventsRequest());
    ev::Event e;
    while (reader->Read(&e)) {
      const absl::Time now = absl::Now();
      absl::MutexLock lock(&mu_);
      latencies_us_.push_back(absl::ToInt64Microseconds(now - assure::FromProto(e.occur_time())));
      last_ = now;
    }
    reader->Finish();
  }

  const int expected_;
  std::unique_ptr<ev::EventsService::Stub> stub_;
  grpc::ClientContext ctx_;
  absl::Mutex mu_;
  std::vector<int64_t> latencies_us_ ABSL_GUARDED_BY(mu_);
  absl::Time last_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

// Publishes `rate` events a second for `seconds`, open loop: each millisecond's share is
// written then, whatever the commits before it are doing.
void Publish(assure::store::Store& store, assure::Outbox& outbox, const assure::Clock& clock,
             int rate, int seconds) {
  const assure::Principal iro{"iro-bench", {"iro"}, "LA1", "", ""};
  const int total = rate * seconds;
  absl::BlockingCounter written(total);
  const absl::Time start = absl::Now();
  for (int sent = 0; sent < total;) {
    const int due = std::min<int64_t>(
        total, absl::ToInt64Microseconds(absl::Now() - start) * rate / 1000000 + 1);
    for (; sent < due; ++sent) {
      const std::string child = absl::StrCat("children/C", sent % 500);
      store.Write(
          "LA1",
          [&outbox, &clock, &iro, child, sent](assure::store::Tx& tx) {
            return assure::PublishEvent(
                outbox, tx, iro,
                {"reviews.review.moved", absl::StrCat(child, "/reviews/", sent), child},
                clock.Now());
          },
          [&written](absl::Status st) {
            if (!st.ok()) std::cerr << "event_feed: publish: " << st << std::endl;
            written.DecrementCount();
          });
    }
    absl::SleepFor(absl::Milliseconds(1));
  }
  written.Wait();
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int rate = absl::GetFlag(FLAGS_rate);
  const int seconds = absl::GetFlag(FLAGS_seconds);
  std::string dir = absl::GetFlag(FLAGS_dir);
  const bool temporary = dir.empty();
  if (temporary) dir = (fs::temp_directory_path() / absl::StrCat("event-feed-", getpid())).string();
  fs::create_directories(dir);
  const auto location = [&](const std::string& flag, const char* file) {
    return flag.empty() ? absl::StrCat(dir, "/", file) : flag;
  };
  const std::string bin = absl::GetFlag(FLAGS_bin_dir).empty() ? assure::bench::OwnBinDir(argv[0])
                                                               : absl::GetFlag(FLAGS_bin_dir);
  const auto [events, address] = assure::bench::StartService(
      bin, "events", location(absl::GetFlag(FLAGS_events_store), "events.db"), dir);

  assure::SystemClock clock;
  auto sender_store = assure::store::Store::Open(
      {location(absl::GetFlag(FLAGS_sender_store), "sender.db"), 2, 256}, "sender", {});
  if (!sender_store.ok()) Die("sender store", sender_store.status());
  auto routes = assure::Routes::Parse(absl::StrCat("assure.events.v1=", address), 4 << 20);
  if (!routes.ok()) Die("routes", routes.status());
  auto registry = std::make_shared<prometheus::Registry>();
  assure::Outbox outbox(**sender_store, **routes, clock, *registry, "reviews");
  outbox.Start();

  Watch watch(address, rate * seconds);
  const absl::Time start = absl::Now();
  Publish(**sender_store, outbox, clock, rate, seconds);
  watch.Finish(absl::Seconds(60));
  auto latencies = watch.latencies_us();
  std::sort(latencies.begin(), latencies.end());
  const double elapsed = absl::ToDoubleSeconds(watch.last_arrival() - start);
  std::cout << "published=" << rate * seconds << " delivered=" << latencies.size()
            << " seconds=" << elapsed
            << " per_s=" << static_cast<int>(elapsed > 0 ? latencies.size() / elapsed : 0)
            << " p50_ms=" << assure::bench::Percentile(latencies, 0.50) / 1000.0
            << " p99_ms=" << assure::bench::Percentile(latencies, 0.99) / 1000.0 << std::endl;
  outbox.Stop();
  kill(events, SIGTERM);
  waitpid(events, nullptr, 0);
  (*sender_store)->Stop();
  if (temporary) fs::remove_all(dir);
  return static_cast<int>(latencies.size()) == rate * seconds ? 0 : 1;
}
