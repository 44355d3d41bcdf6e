// outbox_drain: the time the outbox relay takes to deliver a backlog. --messages CreateDispute
// calls wait in a sender's outbox (as challenges recorded while disputes was down would); an
// assure-disputes process then comes up on this machine, as deployed (access log on), and
// one relay drains the backlog into it. Both stores are durable SQLite files unless
// --sender_store / --receiver_store name others (PostgreSQL URLs).
//   outbox_drain --messages=20000 [--bin_dir=build/release/bin]
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "assure/disputes/v1/disputes_service.pb.h"
#include "bench/started_service.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/outbox.h"
#include "services/common/routes.h"

ABSL_FLAG(int, messages, 20000, "messages waiting in the outbox");
ABSL_FLAG(std::string, dir, "", "where the SQLite files go (default: a temporary folder)");
ABSL_FLAG(std::string, sender_store, "", "the sender's store (default: a SQLite file in --dir)");
ABSL_FLAG(std::string, receiver_store, "", "disputes' store (default: a SQLite file in --dir)");
ABSL_FLAG(std::string, bin_dir, "", "where assure-disputes is (default: beside this)");

namespace {

namespace fs = std::filesystem;

[[noreturn]] void Die(const std::string& what, const absl::Status& st) {
  std::cerr << "outbox_drain: " << what << ": " << st << std::endl;
  std::exit(1);
}

// The backlog: enqueued 1,000 to a transaction, as a busy sender would have.
void FillBacklog(assure::store::Store& store, assure::Outbox& outbox, int messages,
                 const assure::Clock& clock) {
  const assure::Principal iro{"iro-bench", {"iro"}, "LA1", "", ""};
  for (int done = 0; done < messages;) {
    const int batch = std::min(1000, messages - done);
    auto st = store.WriteAndWait("LA1", [&](assure::store::Tx& tx) -> absl::Status {
      for (int i = 0; i < batch; ++i) {
        assure::disputes::v1::CreateDisputeRequest call;
        call.set_dispute_id(absl::StrCat("d-drain-", done + i));
        auto* d = call.mutable_dispute();
        d->set_child(absl::StrCat("children/C-", (done + i) % 500));
        d->set_theme("permanent_placement_delay");
        d->set_concern("no permanent placement identified");
        d->set_stage_level(1);
        auto id = outbox.Enqueue(tx, iro, "/assure.disputes.v1.DisputesService/CreateDispute", call,
                                 clock.Now());
        if (!id.ok()) return id.status();
      }
      return absl::OkStatus();
    });
    if (!st.ok()) Die("backlog", st);
    done += batch;
  }
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int messages = absl::GetFlag(FLAGS_messages);
  std::string dir = absl::GetFlag(FLAGS_dir);
  const bool temporary = dir.empty();
  if (temporary)
    dir = (fs::temp_directory_path() / absl::StrCat("outbox-drain-", getpid())).string();
  fs::create_directories(dir);
  const auto location = [&](const std::string& flag, const char* file) {
    return flag.empty() ? absl::StrCat(dir, "/", file) : flag;
  };
  assure::SystemClock clock;
  const std::string bin = absl::GetFlag(FLAGS_bin_dir).empty() ? assure::bench::OwnBinDir(argv[0])
                                                               : absl::GetFlag(FLAGS_bin_dir);
  auto sender_store = assure::store::Store::Open(
      {location(absl::GetFlag(FLAGS_sender_store), "sender.db"), 2, 256}, "sender", {});
  if (!sender_store.ok()) Die("sender store", sender_store.status());
  {
    assure::Routes unrouted;  // queued while the receiver is away
    auto registry = std::make_shared<prometheus::Registry>();
    assure::Outbox queue(**sender_store, unrouted, clock, *registry, "reviews");
    FillBacklog(**sender_store, queue, messages, clock);
  }

  const auto [disputes, address] = assure::bench::StartService(
      bin, "disputes", location(absl::GetFlag(FLAGS_receiver_store), "disputes.db"), dir);
  auto routes = assure::Routes::Parse(absl::StrCat("assure.disputes.v1=", address), 4 << 20);
  if (!routes.ok()) Die("routes", routes.status());
  auto relay_registry = std::make_shared<prometheus::Registry>();
  assure::Outbox outbox(**sender_store, **routes, clock, *relay_registry, "reviews");

  const absl::Time start = absl::Now();
  int delivered = 0;
  while (delivered < messages && absl::Now() - start < absl::Minutes(10)) {
    delivered += outbox.DeliverDue();
  }
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::cout << "messages=" << messages << " delivered=" << delivered << " seconds=" << seconds
            << " per_s=" << static_cast<int>(delivered / seconds) << std::endl;
  kill(disputes, SIGTERM);
  waitpid(disputes, nullptr, 0);
  (*sender_store)->Stop();
  if (temporary) fs::remove_all(dir);
  return delivered == messages ? 0 : 1;
}
