// The store survives its database: assure-reviews on a PostgreSQL cluster of the test's own,
// which the test stops (fast, immediate, kill -9), starts again and freezes. While the
// database is away the service answers UNAVAILABLE and reports NOT_SERVING; within seconds of
// its return it serves again, with what it had acknowledged; and SIGTERM with the database
// frozen still ends the process within its drain bound.
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/common/health_client.h"
#include "services/common/serving_report.h"
#include "tests/support/call_context.h"
#include "tools/local_postgres/local_postgres.h"

namespace assure {
namespace {

namespace v1 = ::assure::reviews::v1;

// A cluster in a folder of its own, which the test may stop and start again.
class OwnPostgres {
 public:
  OwnPostgres() {
    char templ[] = "/tmp/assure-outage-XXXXXX";
    EXPECT_NE(mkdtemp(templ), nullptr);
    dir_ = templ;
    Start();
    auto url = server_->Database("reviews");
    EXPECT_TRUE(url.ok()) << url.status();
    url_ = *url;
  }
  ~OwnPostgres() {
    Thaw();
    server_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Start() {
    auto started = LocalPostgres::Start(dir_);
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = *std::move(started);
  }
  void Stop(const std::string& mode) {
    if (mode == "kill -9") {
      auto pid = server_->PostmasterPid();
      ASSERT_TRUE(pid.ok()) << pid.status();
      kill(*pid, SIGKILL);
    } else {
      server_->Stop(mode);
    }
    server_.reset();
  }
  // Every server process stops (SIGSTOP): connections stay open and nothing answers.
  void Freeze() { Signal("STOP"); }
  void Thaw() { Signal("CONT"); }
  const std::string& url() const { return url_; }

 private:
  void Signal(const std::string& which) {
    if (!server_) return;
    auto pid = server_->PostmasterPid();
    if (!pid.ok()) return;
    // The postmaster's parent (runuser, when root) stops itself when its child stops, as su
    // does for job control: it is woken too.
    const std::string cmd = absl::StrCat("pkill -", which, " -P ", *pid, "; kill -", which, " ",
                                         *pid, "; kill -", which, " $(ps -o ppid= -p ", *pid,
                                         ")");
    EXPECT_EQ(system(cmd.c_str()), 0) << cmd;
  }

  std::string dir_;
  std::string url_;
  std::unique_ptr<LocalPostgres> server_;
};

class ReviewsProcess {
 public:
  ReviewsProcess(const std::string& store, const std::string& ready_file) {
    unlink(ready_file.c_str());
    pid_ = fork();
    if (pid_ == 0) {
      const std::string bin = ASSURE_BIN_DIR "/assure-reviews";
      const std::string flag = "--store=" + store;
      const std::string ready = "--ready_file=" + ready_file;
      execl(bin.c_str(), bin.c_str(), "--grpc_address=127.0.0.1:0", "--metrics_address=",
            flag.c_str(), ready.c_str(), "--access_log=false", "--drain_seconds=1", nullptr);
      _exit(127);
    }
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    absl::StatusOr<Listeners> listeners;
    while (!(listeners = ReadReadyFile(ready_file)).ok() && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(50));
    }
    EXPECT_TRUE(listeners.ok() && !listeners->empty()) << "assure-reviews did not start";
    if (listeners.ok() && !listeners->empty()) {
      channel_ = grpc::CreateChannel((*listeners)[0].second, grpc::InsecureChannelCredentials());
      stub_ = v1::ReviewsService::NewStub(channel_);
    }
  }
  ~ReviewsProcess() {
    if (pid_ > 0) Terminate();
  }

  bool Serving() {
    auto health = CheckHealth(channel_, "", absl::Milliseconds(500));
    return health.ok() && *health == HealthStatus::kServing;
  }
  // Waits up to `within` for health to read `serving`.
  bool BecomesServing(bool serving, absl::Duration within) {
    const absl::Time deadline = absl::Now() + within;
    while (absl::Now() < deadline) {
      if (Serving() == serving) return true;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return false;
  }
  grpc::Status CreateIro(const std::string& id, absl::Duration deadline = absl::Seconds(5)) {
    v1::CreateIroRequest req;
    req.set_iro_id(id);
    req.mutable_iro()->set_display_name("IRO " + id);
    req.mutable_iro()->set_fte_hundredths(100);
    req.mutable_iro()->set_chairs_lac_reviews(true);
    req.mutable_iro()->set_status(v1::IRO_STATUS_ACTIVE);
    auto ctx = testing::As("mgr", "iro_manager");
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    v1::Iro iro;
    return stub_->CreateIro(ctx.get(), req, &iro);
  }
  grpc::Status GetIro(const std::string& id) {
    v1::GetIroRequest req;
    req.set_name("iros/" + id);
    auto ctx = testing::As("mgr", "iro_manager");
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    v1::Iro iro;
    return stub_->GetIro(ctx.get(), req, &iro);
  }
  // SIGTERM; how long the process took to exit and whether it exited 0.
  std::pair<absl::Duration, bool> Terminate() {
    const absl::Time start = absl::Now();
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return {absl::Now() - start, WIFEXITED(status) && WEXITSTATUS(status) == 0};
  }

 private:
  pid_t pid_ = -1;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::ReviewsService::Stub> stub_;
};

class StoreOutage : public ::testing::TestWithParam<std::string> {};

TEST_P(StoreOutage, CallsAnswerUnavailableWhileTheDatabaseIsDownAndServeAgainWithinSeconds) {
  OwnPostgres pg;
  testing::TempDir dir;
  ReviewsProcess reviews(pg.url(), dir.File("ready"));
  ASSERT_TRUE(reviews.BecomesServing(true, absl::Seconds(10)));
  ASSERT_TRUE(reviews.CreateIro("before").ok());

  pg.Stop(GetParam());
  const grpc::Status during = reviews.CreateIro("during");
  EXPECT_EQ(during.error_code(), grpc::StatusCode::UNAVAILABLE) << during.error_message();
  EXPECT_EQ(reviews.GetIro("before").error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(reviews.BecomesServing(false, absl::Seconds(5)))
      << "health still says SERVING with the database gone";

  pg.Start();
  EXPECT_TRUE(reviews.BecomesServing(true, absl::Seconds(10)))
      << "health did not return to SERVING after the database came back";
  grpc::Status after = reviews.CreateIro("after");
  for (int i = 0; i < 50 && !after.ok(); ++i) {  // every connection reconnects in its turn
    absl::SleepFor(absl::Milliseconds(100));
    after = reviews.CreateIro("after");
  }
  EXPECT_TRUE(after.ok()) << after.error_message();
  EXPECT_TRUE(reviews.GetIro("before").ok()) << "an acknowledged write was lost";
  EXPECT_EQ(reviews.GetIro("during").error_code(), grpc::StatusCode::NOT_FOUND);
  const auto [took, clean] = reviews.Terminate();
  EXPECT_TRUE(clean);
}

INSTANTIATE_TEST_SUITE_P(Stops, StoreOutage, ::testing::Values("fast", "immediate", "kill -9"),
                         [](const auto& info) {
                           return info.param == "kill -9" ? std::string("kill9") : info.param;
                         });

TEST(StoreFrozen, SigtermWithTheDatabaseFrozenEndsTheProcessWithinItsDrainBound) {
  OwnPostgres pg;
  testing::TempDir dir;
  ReviewsProcess reviews(pg.url(), dir.File("ready"));
  ASSERT_TRUE(reviews.BecomesServing(true, absl::Seconds(10)));
  ASSERT_TRUE(reviews.CreateIro("before").ok());
  pg.Freeze();
  // A write in flight, stuck on the frozen database.
  std::thread stuck([&] { reviews.CreateIro("stuck", absl::Seconds(60)).IgnoreError(); });
  absl::SleepFor(absl::Milliseconds(300));
  const auto [took, clean] = reviews.Terminate();
  stuck.join();
  // --drain_seconds=1, and the bound is the drain plus 5 s.
  EXPECT_LT(took, absl::Seconds(9)) << "the stop waited on the frozen database";
  EXPECT_FALSE(clean) << "a stop cut short says so with its exit status";
  pg.Thaw();
}

}  // namespace
}  // namespace assure
