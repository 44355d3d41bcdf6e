// WatchEvents: the backlog, then each new event as it is recorded, once and in order, on
// whichever replica the watcher reached.
#include <atomic>
#include <thread>

#include "gmock/gmock.h"
#include "grpcpp/support/sync_stream.h"
#include "tests/events/events_fixture.h"

namespace assure::events {
namespace {

using ::testing::ElementsAre;

class WatchTest : public EventsServiceTest {
 protected:
  std::unique_ptr<grpc::ClientReader<v1::Event>> Watch(std::unique_ptr<grpc::ClientContext>& ctx,
                                                       int64_t after,
                                                       v1::EventsService::Stub* via = nullptr) {
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    v1::WatchEventsRequest req;
    req.set_after_sequence(after);
    return (via ? via : feed_.get())->WatchEvents(ctx.get(), req);
  }

  static std::vector<int64_t> Take(grpc::ClientReader<v1::Event>& reader, int n,
                                   std::vector<std::string>* ids = nullptr) {
    std::vector<int64_t> sequences;
    v1::Event e;
    while (static_cast<int>(sequences.size()) < n && reader.Read(&e)) {
      sequences.push_back(e.sequence());
      if (ids) ids->push_back(e.event_id());
    }
    return sequences;
  }

  void Moved(const std::string& id, const std::string& child = "children/C1") {
    ASSERT_TRUE(Record(id, "reviews.review.moved", child + "/reviews/1", child).ok());
  }
};

TEST_F(WatchTest, AWatcherGetsTheBacklogThenEachNewEventOnceInOrder) {
  Moved("m1");
  Moved("m2");
  auto ctx = Staff();
  auto reader = Watch(ctx, 0);
  EXPECT_THAT(Take(*reader, 2), ElementsAre(1, 2));
  Moved("m3");
  Moved("m3");  // delivered again by a sender's retry
  Moved("m4");
  EXPECT_THAT(Take(*reader, 2), ElementsAre(3, 4));
  ctx->TryCancel();
}

TEST_F(WatchTest, ResumingAfterTheLastSequenceSeenMissesNothingAndRepeatsNothing) {
  Moved("m1");
  Moved("m2");
  {
    auto ctx = Staff();
    auto reader = Watch(ctx, 0);
    EXPECT_THAT(Take(*reader, 1), ElementsAre(1));
    ctx->TryCancel();
  }
  Moved("m3");
  auto ctx = Staff();
  auto reader = Watch(ctx, 1);
  EXPECT_THAT(Take(*reader, 2), ElementsAre(2, 3));
  ctx->TryCancel();
}

TEST_F(WatchTest, AWatcherOnOneReplicaSeesEventsRecordedThroughTheOther) {
  EventsServer other(location_, clock_);
  auto other_feed = v1::EventsService::NewStub(other.Channel());
  auto ctx = Staff();
  auto reader = Watch(ctx, 0, other_feed.get());
  Moved("m1");  // recorded by the first replica
  Moved("m2");
  EXPECT_THAT(Take(*reader, 2), ElementsAre(1, 2));
  ctx->TryCancel();
}

TEST_F(WatchTest, APartnerWatchesOnlyEventsAboutChildrenReferredToIt) {
  auto ctx = Advocate("P1");
  auto reader = Watch(ctx, 0);
  Moved("m1", "children/C1");
  ASSERT_TRUE(
      Record("m2", "reviews.referral.made", "children/C2/referrals/1", "children/C2", "P1").ok());
  Moved("m3", "children/C1");
  Moved("m4", "children/C2");
  std::vector<std::string> ids;
  Take(*reader, 2, &ids);
  EXPECT_THAT(ids, ElementsAre("m2", "m4"));
  ctx->TryCancel();
}

TEST_F(WatchTest, AReplicaFullOfWatchersRefusesTheNextOneToTryElsewhere) {
  server_.reset();
  server_ = std::make_unique<EventsServer>(location_, clock_, 1);
  feed_ = v1::EventsService::NewStub(server_->Channel());
  intake_ = v1::EventIntakeService::NewStub(server_->Channel());
  Moved("m1");
  auto first_ctx = Staff();
  auto first = Watch(first_ctx, 0);
  EXPECT_THAT(Take(*first, 1), ElementsAre(1));
  auto ctx = Staff();
  auto second = Watch(ctx, 0);
  v1::Event e;
  EXPECT_FALSE(second->Read(&e));
  EXPECT_EQ(second->Finish().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  first_ctx->TryCancel();
}

TEST_F(WatchTest, WatchersArrivingTogetherNeverPassTheBoundAndALeavingOneFreesItsSlot) {
  server_.reset();
  server_ = std::make_unique<EventsServer>(location_, clock_, 3);
  feed_ = v1::EventsService::NewStub(server_->Channel());
  intake_ = v1::EventIntakeService::NewStub(server_->Channel());
  Moved("m1");
  constexpr int kCallers = 8;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  for (int i = 0; i < kCallers; ++i) contexts.push_back(Staff());
  std::atomic<int> watching{0}, refused{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      auto reader = Watch(contexts[i], 0);
      v1::Event e;
      if (reader->Read(&e)) {
        ++watching;
        return;  // holds its slot until cancelled below
      }
      if (reader->Finish().error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) ++refused;
    });
  }
  for (auto& c : callers) c.join();
  EXPECT_EQ(watching.load(), 3);
  EXPECT_EQ(refused.load(), kCallers - 3);
  for (auto& ctx : contexts) ctx->TryCancel();
  // Once the cancelled watchers are gone, their slots take new ones.
  bool admitted = false;
  for (int attempt = 0; attempt < 100 && !admitted; ++attempt) {
    auto ctx = Staff();
    auto reader = Watch(ctx, 0);
    v1::Event e;
    admitted = reader->Read(&e);
    ctx->TryCancel();
    if (!admitted) absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_TRUE(admitted);
}

TEST_F(WatchTest, AWatchWithBadInputIsRefusedNamingTheField) {
  auto ctx = Staff();
  auto reader = Watch(ctx, -5);
  v1::Event e;
  EXPECT_FALSE(reader->Read(&e));
  auto st = reader->Finish();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), ::testing::HasSubstr("after_sequence"));
}

}  // namespace
}  // namespace assure::events
