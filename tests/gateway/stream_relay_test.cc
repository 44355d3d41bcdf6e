// A server stream through the gateway (WatchEvents): each message relayed, the backend's end
// reaching the caller, and the caller's leaving ending the backend's call.
#include "assure/events/v1/events_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "tests/events/events_fixture.h"
#include "tests/gateway/gateway_fixture.h"

namespace assure::gateway {
namespace {

namespace ev = ::assure::events::v1;

class StreamRelayTest : public ::testing::Test {
 protected:
  void SetUp() override { StartBackend(100); }

  void StartBackend(int max_watchers) {
    gateway_.reset();
    backend_.reset();
    backend_ = std::make_unique<events::EventsServer>(dir_.File("events.db"), clock_, max_watchers);
    GatewayOptions options;
    options.package = "assure.events.v1";
    options.service = "assure.events.v1.EventsService";
    gateway_ = std::make_unique<Gateway>(backend_->port(), *signer_, options);
    feed_ = ev::EventsService::NewStub(gateway_->channel());
  }

  void Record(int n) {
    auto intake = ev::EventIntakeService::NewStub(backend_->Channel());
    ev::RecordEventRequest req;
    req.set_request_id("m" + std::to_string(n));
    req.set_type("reviews.review.moved");
    req.set_subject("children/C1/reviews/1");
    req.set_child("children/C1");
    req.set_source("reviews");
    req.set_source_sequence(n);
    *req.mutable_occur_time() = ToProto(clock_.Now());
    ev::RecordEventResponse out;
    ASSERT_TRUE(
        intake->RecordEvent(assure::testing::As("sw-1", "social_worker").get(), req, &out).ok());
  }

  std::unique_ptr<grpc::ClientReader<ev::Event>> Watch(grpc::ClientContext& ctx,
                                                       const std::string& token) {
    if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return feed_->WatchEvents(&ctx, ev::WatchEventsRequest());
  }

  assure::testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1796000000)};
  std::unique_ptr<JwtSigner> signer_ = *JwtSigner::Generate(JwtSigner::Algorithm::kEs256, "k1");
  std::unique_ptr<events::EventsServer> backend_;
  std::unique_ptr<Gateway> gateway_;
  std::unique_ptr<ev::EventsService::Stub> feed_;
};

TEST_F(StreamRelayTest, EachEventIsRelayedAndAStoppingReplicasEndReachesTheCaller) {
  Record(1);
  grpc::ClientContext ctx;
  auto reader = Watch(ctx, SignedToken(*signer_, "iro"));
  ev::Event e;
  ASSERT_TRUE(reader->Read(&e));
  EXPECT_EQ(e.sequence(), 1);
  Record(2);
  Record(3);
  ASSERT_TRUE(reader->Read(&e));
  EXPECT_EQ(e.sequence(), 2);
  ASSERT_TRUE(reader->Read(&e));
  EXPECT_EQ(e.sequence(), 3);
  backend_.reset();  // the replica stops mid-stream: its watchers are told to go elsewhere
  EXPECT_FALSE(reader->Read(&e));
  const grpc::Status st = reader->Finish();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(st.error_message(), ::testing::HasSubstr("last sequence"));
}

TEST_F(StreamRelayTest, ACallerLeavingEndsTheBackendsCall) {
  StartBackend(1);  // one watcher at a time
  Record(1);
  {
    grpc::ClientContext ctx;
    auto reader = Watch(ctx, SignedToken(*signer_, "iro"));
    ev::Event e;
    ASSERT_TRUE(reader->Read(&e));
    ctx.TryCancel();
  }
  // The backend's watcher is released once the gateway has ended its call.
  grpc::Status st;
  for (int i = 0; i < 100; ++i) {
    grpc::ClientContext ctx;
    auto reader = Watch(ctx, SignedToken(*signer_, "iro"));
    ev::Event e;
    if (reader->Read(&e)) {
      ctx.TryCancel();
      reader->Finish();
      st = grpc::Status::OK;
      break;
    }
    st = reader->Finish();
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_TRUE(st.ok()) << st.error_message();
}

TEST_F(StreamRelayTest, AStreamWithoutAValidTokenIsRefusedAtTheDoor) {
  grpc::ClientContext ctx;
  auto reader = Watch(ctx, "");
  ev::Event e;
  EXPECT_FALSE(reader->Read(&e));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace assure::gateway
