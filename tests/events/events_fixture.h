// The events service running in-process on a test store, as a process would run it, called
// through the generated stubs; two of them on one store are two replicas.
#ifndef ASSURE_TESTS_EVENTS_EVENTS_FIXTURE_H_
#define ASSURE_TESTS_EVENTS_EVENTS_FIXTURE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "assure/events/v1/events_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/dates.h"
#include "services/common/outbox.h"
#include "services/common/routes.h"
#include "services/common/server.h"
#include "services/common/store/store.h"
#include "services/events/feed_tail.h"
#include "services/events/service.h"
#include "services/events/webhook_sender.h"
#include "tests/support/call_context.h"
#include "tests/support/test_store.h"

namespace assure_data::events_migrations {
const std::vector<assure::EmbeddedFile>& Files();
}

namespace assure::events {

using assure::testing::As;

class EventsServer {
 public:
  // Webhooks go to the tests' receivers on this machine unless `private_webhooks` is false.
  EventsServer(const std::string& db, const Clock& clock, int max_watchers = 100,
               bool private_webhooks = true) {
    auto store =
        store::Store::Open({db, 2, 256}, "events", assure_data::events_migrations::Files());
    EXPECT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    tail_ = std::make_unique<FeedTail>(*store_, absl::Milliseconds(10));
    WebhookOptions webhook_options;
    webhook_options.private_addresses = private_webhooks;
    webhooks_ = std::make_unique<WebhookSender>(*store_, clock, *registry_, webhook_options);
    feed_ =
        std::make_unique<EventsService>(*store_, *tail_, clock, FeedOptions{max_watchers, true});
    intake_ = std::make_unique<EventIntakeService>(
        *store_, clock, *registry_, [this](const std::string& tenant) { tail_->Recorded(tenant); });
    ServerConfig config;
    config.grpc_address = "127.0.0.1:0";
    config.access_log = false;
    server_ = std::make_unique<Server>(config, registry_);
    server_->AddService(feed_.get(), EventsService::kName);
    server_->AddService(intake_.get(), EventIntakeService::kName);
    EXPECT_TRUE(server_->Start().ok());
    server_->SetServing(true);
    tail_->Start();
  }
  ~EventsServer() {
    tail_->EndAll();  // as the process does when it stops
    server_->Shutdown();
    tail_->Stop();
  }

  std::shared_ptr<grpc::Channel> Channel() const {
    return grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
  }
  int port() const { return server_->port(); }
  // Webhooks go when a test calls DeliverDue, on its clock.
  WebhookSender& webhooks() { return *webhooks_; }

 private:
  std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<FeedTail> tail_;
  std::unique_ptr<WebhookSender> webhooks_;
  std::unique_ptr<EventsService> feed_;
  std::unique_ptr<EventIntakeService> intake_;
  std::unique_ptr<Server> server_;
};

// A real feed for the tests of a service that publishes to it: the sender's outbox is routed
// here, and what the feed holds is read back as "type subject (source number)".
class SenderFeed {
 public:
  SenderFeed(const std::string& db, const Clock& clock)
      : server_(db, clock), feed_(v1::EventsService::NewStub(server_.Channel())) {}

  // --routes sending assure.events.v1 here.
  Routes RoutesHere() const {
    return std::move(
        **Routes::Parse(absl::StrCat("assure.events.v1=127.0.0.1:", server_.port()), 4 << 20));
  }

  // Delivers what `outbox` holds, then the events `as` sees, each from `source`.
  std::vector<std::string> Seen(Outbox& outbox, std::unique_ptr<grpc::ClientContext> as,
                                const std::string& source) {
    outbox.DeliverDue();
    v1::ListEventsResponse out;
    auto st = feed_->ListEvents(as.get(), v1::ListEventsRequest(), &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::vector<std::string> seen;
    for (const auto& e : out.events()) {
      EXPECT_EQ(e.source(), source);
      seen.push_back(absl::StrCat(e.type(), " ", e.subject(), " (", e.source_sequence(), ")"));
    }
    return seen;
  }

 private:
  EventsServer server_;
  std::unique_ptr<v1::EventsService::Stub> feed_;
};

class EventsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = testing::TestStoreLocation(dir_.File("events.db"));
    server_ = std::make_unique<EventsServer>(location_, clock_);
    feed_ = v1::EventsService::NewStub(server_->Channel());
    intake_ = v1::EventIntakeService::NewStub(server_->Channel());
  }

  // Records an event as a service's outbox would send it, on behalf of `tenant`'s staff:
  // `source`'s next event (the same id again is sent with the number it had).
  grpc::Status Record(const std::string& id, const std::string& type, const std::string& subject,
                      const std::string& child, const std::string& partner = "",
                      const std::string& tenant = "LA1", int64_t* sequence = nullptr,
                      v1::EventIntakeService::Stub* via = nullptr,
                      const std::string& source = "reviews") {
    int64_t number = 0;
    {
      absl::MutexLock lock(&numbers_mu_);
      auto [it, added] = numbers_.try_emplace(absl::StrCat(tenant, "/", source, "/", id), 0);
      if (added) it->second = ++counts_[absl::StrCat(tenant, "/", source)];
      number = it->second;
    }
    return RecordNumbered(id, type, subject, child, partner, tenant, source, number, sequence, via);
  }

  grpc::Status RecordNumbered(const std::string& id, const std::string& type,
                              const std::string& subject, const std::string& child,
                              const std::string& partner, const std::string& tenant,
                              const std::string& source, int64_t number,
                              int64_t* sequence = nullptr,
                              v1::EventIntakeService::Stub* via = nullptr) {
    v1::RecordEventRequest req;
    req.set_request_id(id);
    req.set_type(type);
    req.set_subject(subject);
    req.set_child(child);
    req.set_partner(partner);
    req.set_source(source);
    req.set_source_sequence(number);
    *req.mutable_occur_time() = ToProto(clock_.Now());
    v1::RecordEventResponse out;
    auto st = (via ? via : intake_.get())
                  ->RecordEvent(As("sw-1", "social_worker", tenant).get(), req, &out);
    if (sequence) *sequence = out.sequence();
    return st;
  }

  std::vector<v1::Event> List(std::unique_ptr<grpc::ClientContext> as, int64_t after = 0,
                              const std::string& filter = "", grpc::Status* status = nullptr) {
    v1::ListEventsRequest req;
    req.set_after_sequence(after);
    req.set_filter(filter);
    req.set_page_size(1000);
    v1::ListEventsResponse out;
    auto st = feed_->ListEvents(as.get(), req, &out);
    if (status) *status = st;
    EXPECT_TRUE(status || st.ok()) << st.error_message();
    return {out.events().begin(), out.events().end()};
  }

  static std::vector<std::string> Subjects(const std::vector<v1::Event>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.subject());
    return out;
  }

  static std::unique_ptr<grpc::ClientContext> Staff(const std::string& tenant = "LA1") {
    return As("iro-1", "iro", tenant);
  }
  static std::unique_ptr<grpc::ClientContext> Advocate(const std::string& partner,
                                                       const std::string& tenant = "LA1") {
    return As("adv-1", "advocate", tenant, partner);
  }

  testing::TempDir dir_;
  std::string location_;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 2, 10, 0, 0), London())};
  std::unique_ptr<EventsServer> server_;
  std::unique_ptr<v1::EventsService::Stub> feed_;
  std::unique_ptr<v1::EventIntakeService::Stub> intake_;
  absl::Mutex numbers_mu_;
  std::map<std::string, int64_t> numbers_ ABSL_GUARDED_BY(numbers_mu_);  // id -> its number
  std::map<std::string, int64_t> counts_ ABSL_GUARDED_BY(numbers_mu_);   // source -> last
};

}  // namespace assure::events

#endif  // ASSURE_TESTS_EVENTS_EVENTS_FIXTURE_H_
