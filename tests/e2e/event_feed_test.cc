// End to end: a partner watches the event feed through the gateway while the suite runs as
// production does (two replicas of each service on one PostgreSQL), and one replica of the
// events service and one of reviews are killed with SIGKILL mid-stream. The partner sees
// every event about the child referred to it exactly once and in order, and nothing about
// a child referred elsewhere.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "assure/events/v1/events_service.grpc.pb.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/e2e/launched_suite.h"
#include "tests/support/call_context.h"

namespace assure {
namespace {

namespace ev = ::assure::events::v1;
namespace rv = ::assure::reviews::v1;
using testing::Shell;
using testing::Suite;

std::unique_ptr<grpc::ClientContext> Bearer(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("authorization", "Bearer " + token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  return ctx;
}

// Calls until answered, as a client does across a replica's death: the same request_id each
// time, so a change made but not acknowledged is not made twice.
template <typename Call>
grpc::Status UntilAnswered(Call call) {
  grpc::Status st;
  for (int i = 0; i < 100; ++i) {
    st = call();
    if (st.error_code() != grpc::StatusCode::UNAVAILABLE &&
        st.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED) {
      return st;
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  return st;
}

// A partner's watch that reconnects after its last sequence whenever the stream ends.
class Watcher {
 public:
  Watcher(std::shared_ptr<grpc::Channel> channel, std::string token)
      : stub_(ev::EventsService::NewStub(channel)), token_(std::move(token)) {
    thread_ = std::thread([this] { Run(); });
  }
  ~Watcher() { Stop(); }

  void Stop() {
    stopping_ = true;
    {
      absl::MutexLock lock(&mu_);
      if (ctx_) ctx_->TryCancel();
    }
    if (thread_.joinable()) thread_.join();
  }
  std::vector<ev::Event> seen() {
    absl::MutexLock lock(&mu_);
    return seen_;
  }
  int reconnects() {
    absl::MutexLock lock(&mu_);
    return reconnects_;
  }

 private:
  void Run() {
    int64_t last = 0;
    while (!stopping_) {
      auto ctx = std::make_shared<grpc::ClientContext>();
      ctx->AddMetadata("authorization", "Bearer " + token_);
      {
        absl::MutexLock lock(&mu_);
        ctx_ = ctx;
      }
      ev::WatchEventsRequest req;
      req.set_after_sequence(last);
      auto reader = stub_->WatchEvents(ctx.get(), req);
      ev::Event e;
      while (reader->Read(&e)) {
        last = e.sequence();
        absl::MutexLock lock(&mu_);
        seen_.push_back(e);
      }
      reader->Finish();
      absl::MutexLock lock(&mu_);
      ++reconnects_;
      ctx_.reset();
      if (!stopping_) absl::SleepFor(absl::Milliseconds(100));
    }
  }

  std::unique_ptr<ev::EventsService::Stub> stub_;
  const std::string token_;
  std::atomic<bool> stopping_{false};
  absl::Mutex mu_;
  std::shared_ptr<grpc::ClientContext> ctx_ ABSL_GUARDED_BY(mu_);
  std::vector<ev::Event> seen_ ABSL_GUARDED_BY(mu_);
  int reconnects_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

class EventFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // PostgreSQL's own user (assure-pg when run as root) must reach its folder.
    chmod(dir_.path().c_str(), 0755);
    suite_ = std::make_unique<Suite>(dir_.File("data"),
                                     std::vector<std::string>{"--replicas=2", "--postgresql"});
    ASSERT_TRUE(suite_->WaitReady()) << suite_->printed();
    gateway_ =
        grpc::CreateChannel(suite_->grpc_address("gateway"), grpc::InsecureChannelCredentials());
    reviews_ = rv::ReviewsService::NewStub(gateway_);
  }

  std::string Token(const std::string& name) {
    int code = 0;
    return Shell(". " + dir_.File("data") + "/dev-tokens.env && printf %s \"$" + name + "\"",
                 &code);
  }

  void TearDown() override {
    for (pid_t pid : restarted_) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }

  // The pids of the replicas of `component` running for this suite, oldest first.
  std::vector<pid_t> ReplicasOf(const std::string& component) {
    int code = 0;
    const std::string out = Shell(
        // [a]: the pattern does not match the shell running pgrep, whose command line holds it.
        absl::StrCat("pgrep -f -- '/[a]ssure-", component, " .*", dir_.File("data"), "' | sort -n"),
        &code);
    std::vector<pid_t> pids;
    for (absl::string_view p : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
      pids.push_back(std::stoi(std::string(p)));
    }
    return pids;
  }

  // Kills `pid` with SIGKILL and starts it again as it was (the launcher chose its ports
  // before starting it, so they are in its arguments and every route still leads to it).
  void KillAndRestart(pid_t pid) {
    const auto argv = Split(ReadProc(pid, "cmdline"));
    const auto env = Split(ReadProc(pid, "environ"));
    ASSERT_FALSE(argv.empty());
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    // Until it has gone: the launcher does not reap it, so it stays a zombie ('Z').
    while (Running(pid)) absl::SleepFor(absl::Milliseconds(10));
    const std::string log = dir_.File("data") + "/restarted.log";
    const pid_t child = fork();
    if (child == 0) {
      const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      std::vector<char*> a, e;
      for (const auto& x : argv) a.push_back(const_cast<char*>(x.c_str()));
      for (const auto& x : env) e.push_back(const_cast<char*>(x.c_str()));
      a.push_back(nullptr);
      e.push_back(nullptr);
      execve(a[0], a.data(), e.data());
      _exit(127);
    }
    restarted_.push_back(child);
  }

  static bool Running(pid_t pid) {
    const std::string stat = ReadProc(pid, "stat");  // "pid (name) S ..."
    const size_t close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
  }
  static std::string ReadProc(pid_t pid, const char* what) {
    std::ifstream in(absl::StrCat("/proc/", pid, "/", what), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static std::vector<std::string> Split(const std::string& nul_separated) {
    return absl::StrSplit(nul_separated, '\0', absl::SkipEmpty());
  }

  void CreateLookedAfterChild(const std::string& id) {
    rv::CreateChildRequest req;
    req.set_child_id(id);
    req.set_request_id("create-" + id);
    auto* c = req.mutable_child();
    c->mutable_birth_date()->set_year(2013);
    c->mutable_birth_date()->set_month(2);
    c->mutable_birth_date()->set_day(1);
    auto* p = c->add_periods_of_care();
    p->mutable_start_date()->set_year(2026);
    p->mutable_start_date()->set_month(3);
    p->mutable_start_date()->set_day(2);
    p->set_legal_status(rv::LEGAL_STATUS_CARE_ORDER);
    rv::Child out;
    const std::string token = Token("TOKEN_CASE_SYSTEM");
    auto st = UntilAnswered([&] { return reviews_->CreateChild(Bearer(token).get(), req, &out); });
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  void Refer(const std::string& child, const std::string& partner, const std::string& id,
             rv::ReferralReason reason = rv::REFERRAL_REASON_LOOKED_AFTER_REVIEW) {
    rv::CreateReferralRequest req;
    req.set_parent("children/" + child);
    req.set_request_id(id);
    req.mutable_referral()->set_partner(partner);
    req.mutable_referral()->set_reason(reason);
    req.mutable_referral()->set_urgency(rv::REFERRAL_URGENCY_ROUTINE);
    req.mutable_referral()->set_consent(rv::CHILD_CONSENT_GIVEN);
    rv::Referral out;
    const std::string token = Token("TOKEN_SOCIAL_WORKER");
    auto st =
        UntilAnswered([&] { return reviews_->CreateReferral(Bearer(token).get(), req, &out); });
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  testing::TempDir dir_;
  std::unique_ptr<Suite> suite_;
  std::shared_ptr<grpc::Channel> gateway_;
  std::unique_ptr<rv::ReviewsService::Stub> reviews_;
  std::vector<pid_t> restarted_;
};

TEST_F(EventFeedTest, APartnerSeesEveryEventAboutItsChildOnceAndInOrderAcrossKill9) {
  CreateLookedAfterChild("FEED-1");
  CreateLookedAfterChild("FEED-2");
  const std::string advocate = Token("TOKEN_ADVOCATE");  // partner dev-advocacy
  Watcher watcher(gateway_, advocate);
  Refer("FEED-1", "dev-advocacy", "refer-1");
  Refer("FEED-2", "other-advocacy", "refer-2");

  constexpr int kConcerns = 60;
  std::set<std::string> acknowledged;
  for (int i = 0; i < kConcerns; ++i) {
    // Each events replica in turn, so the watch is cut whichever one it was on; then a
    // reviews replica, whose claimed outbox messages the other delivers once their lease
    // lapses.
    if (i == 15 || i == 30) {
      const auto events = ReplicasOf("events");
      ASSERT_EQ(events.size(), 2u);
      KillAndRestart(events[i == 15 ? 0 : 1]);
    }
    if (i == 45) {
      const auto reviews = ReplicasOf("reviews");
      ASSERT_EQ(reviews.size(), 2u);
      KillAndRestart(reviews[0]);
    }
    rv::RaiseConcernRequest req;
    req.set_parent("children/FEED-1");
    req.set_request_id(absl::StrCat("concern-", i));
    req.mutable_concern()->set_text(absl::StrCat("concern number ", i));
    rv::Concern out;
    auto st =
        UntilAnswered([&] { return reviews_->RaiseConcern(Bearer(advocate).get(), req, &out); });
    ASSERT_TRUE(st.ok()) << i << ": " << st.error_message();
    acknowledged.insert(out.name());
    // A referral elsewhere now and then: events the partner must never see.
    if (i == 10 || i == 30) {
      Refer("FEED-2", "other-advocacy", absl::StrCat("refer-other-", i),
            i == 10 ? rv::REFERRAL_REASON_LEAVING_CARE : rv::REFERRAL_REASON_RETURN_HOME);
    }
  }

  // Every acknowledged change reaches the watcher (outbox leases of the dead replica lapse
  // after 10 s, then the other replica delivers them).
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  std::vector<ev::Event> seen;
  for (;;) {
    seen = watcher.seen();
    std::set<std::string> raised;
    for (const auto& e : seen) {
      if (e.type() == "reviews.concern.raised") raised.insert(e.subject());
    }
    if (raised.size() >= acknowledged.size() || absl::Now() > deadline) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  watcher.Stop();

  std::map<std::string, int> times_seen;
  int64_t previous = 0;
  for (const auto& e : seen) {
    EXPECT_GT(e.sequence(), previous) << "out of order at " << e.name();
    previous = e.sequence();
    ++times_seen[e.event_id()];
    EXPECT_EQ(e.child(), "children/FEED-1") << e.type() << " " << e.subject();
  }
  for (const auto& [id, n] : times_seen) EXPECT_EQ(n, 1) << id << " seen " << n << " times";
  std::set<std::string> raised;
  for (const auto& e : seen) {
    if (e.type() == "reviews.concern.raised") raised.insert(e.subject());
  }
  EXPECT_EQ(raised, acknowledged);
  EXPECT_GE(watcher.reconnects(), 1) << "the watch was never cut";

  // What the watch saw is what the feed holds for the partner, in the same order.
  ev::ListEventsRequest list;
  list.set_page_size(1000);
  ev::ListEventsResponse all;
  auto events = ev::EventsService::NewStub(gateway_);
  ASSERT_TRUE(
      UntilAnswered([&] { return events->ListEvents(Bearer(advocate).get(), list, &all); }).ok());
  ASSERT_EQ(all.events_size(), static_cast<int>(seen.size()));
  for (int i = 0; i < all.events_size(); ++i) {
    EXPECT_EQ(all.events(i).event_id(), seen[i].event_id());
  }
  // The authority's own staff see the other partner's referrals too.
  ev::ListEventsResponse staff;
  ASSERT_TRUE(UntilAnswered([&] {
                return events->ListEvents(Bearer(Token("TOKEN_IRO")).get(), list, &staff);
              }).ok());
  EXPECT_GT(staff.events_size(), all.events_size());
  suite_->Stop();
}

}  // namespace
}  // namespace assure
