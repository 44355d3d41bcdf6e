// Against a stub backend: deadlines travel from the caller through the gateway to the
// backend, capped by the maximum, with a default for callers that set none; a backend's
// status, details and trailing metadata come back unchanged.
#include <thread>

#include "gmock/gmock.h"
#include "tests/gateway/gateway_fixture.h"

namespace assure::gateway {
namespace {

// A backend whose GetChild takes a second, and which notes the deadline it was given; its
// GetIro fails with details and trailing metadata of its own.
class SlowReviews final : public v1::ReviewsService::CallbackService {
 public:
  ~SlowReviews() override {
    for (auto& t : threads_) t.join();
  }
  grpc::ServerUnaryReactor* GetChild(grpc::CallbackServerContext* ctx, const v1::GetChildRequest*,
                                     v1::Child*) override {
    seen_deadline_ = ctx->deadline();
    auto trace = ctx->client_metadata().find("traceparent");
    if (trace != ctx->client_metadata().end()) {
      seen_traceparent_.assign(trace->second.data(), trace->second.size());
    }
    auto* reactor = ctx->DefaultReactor();
    threads_.emplace_back([reactor] {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      reactor->Finish(grpc::Status::OK);
    });
    return reactor;
  }
  grpc::ServerUnaryReactor* GetIro(grpc::CallbackServerContext* ctx, const v1::GetIroRequest*,
                                   v1::Iro*) override {
    ctx->AddTrailingMetadata("x-backend-note", "kept");
    auto* reactor = ctx->DefaultReactor();
    reactor->Finish(grpc::Status(grpc::StatusCode::NOT_FOUND, "iros/x does not exist",
                                 "opaque-details"));
    return reactor;
  }
  std::chrono::system_clock::time_point seen_deadline_;
  std::string seen_traceparent_;

 private:
  std::vector<std::thread> threads_;
};

class StubBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerConfig config;
    config.access_log = false;
    backend_ = std::make_unique<Server>(config, std::make_shared<prometheus::Registry>());
    backend_->AddService(&slow_, "assure.reviews.v1.ReviewsService");
    ASSERT_TRUE(backend_->Start().ok());
    backend_->SetServing(true);
    signer_ = *JwtSigner::Generate(JwtSigner::Algorithm::kEs256, "test");
    GatewayOptions options;
    options.default_timeout = absl::Milliseconds(300);
    options.max_timeout = absl::Milliseconds(400);
    gateway_ = std::make_unique<Gateway>(backend_->port(), *signer_, options);
    token_ = SignedToken(*signer_, "iro");
  }
  void TearDown() override {
    gateway_.reset();
    backend_->Shutdown();
  }

  grpc::StatusCode GetWithin(std::chrono::milliseconds timeout) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token_);
    ctx.set_deadline(std::chrono::system_clock::now() + timeout);
    v1::GetChildRequest get;
    get.set_name("children/C1");
    v1::Child out;
    return gateway_->stub().GetChild(&ctx, get, &out).error_code();
  }

  SlowReviews slow_;
  std::unique_ptr<Server> backend_;
  std::unique_ptr<JwtSigner> signer_;
  std::unique_ptr<Gateway> gateway_;
  std::string token_;
};

TEST_F(StubBackendTest, TheCallersDeadlineExpiresAtTheBackend) {
  const auto before = std::chrono::system_clock::now();
  EXPECT_EQ(GetWithin(std::chrono::milliseconds(200)), grpc::StatusCode::DEADLINE_EXCEEDED);
  // The backend was given the caller's deadline, not the gateway's longer ones.
  EXPECT_LT(slow_.seen_deadline_, before + std::chrono::milliseconds(350));
}

TEST_F(StubBackendTest, ALongDeadlineIsCappedAtTheMaximum) {
  const auto before = std::chrono::system_clock::now();
  EXPECT_EQ(GetWithin(std::chrono::hours(1)), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(slow_.seen_deadline_, before + std::chrono::milliseconds(600));
}

TEST_F(StubBackendTest, StatusDetailsAndTrailingMetadataComeBackUnchanged) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + token_);
  v1::GetIroRequest get;
  get.set_name("iros/x");
  v1::Iro out;
  const grpc::Status st = gateway_->stub().GetIro(&ctx, get, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(st.error_message(), "iros/x does not exist");
  EXPECT_EQ(st.error_details(), "opaque-details");
  const auto& trailers = ctx.GetServerTrailingMetadata();
  auto it = trailers.find("x-backend-note");
  ASSERT_NE(it, trailers.end());
  EXPECT_EQ(std::string(it->second.data(), it->second.size()), "kept");
}

TEST_F(StubBackendTest, ACallWithoutADeadlineGetsTheDefaultOverHttp) {
  auto r = HttpCall(gateway_->http_port(), "GET", "/v1/children/C1", "", token_);
  EXPECT_EQ(r.status, 504);
  EXPECT_THAT(r.body, ::testing::HasSubstr(R"("code":4)"));
}

TEST_F(StubBackendTest, TheCallersTraceReachesTheBackendAsTheGatewaysSpanAndIsAnswered) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + token_);
  ctx.AddMetadata("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  v1::GetChildRequest get;
  get.set_name("children/X");
  v1::Child out;
  gateway_->stub().GetChild(&ctx, get, &out);  // ends by its deadline: only the trace matters
  const auto answered = ctx.GetServerInitialMetadata().find("traceparent");
  ASSERT_NE(answered, ctx.GetServerInitialMetadata().end());
  const std::string gateways(answered->second.data(), answered->second.size());
  EXPECT_EQ(slow_.seen_traceparent_, gateways) << "the backend's parent is the gateway's span";
  EXPECT_EQ(gateways.substr(0, 36), "00-4bf92f3577b34da6a3ce929d0e0e4736-");
  EXPECT_NE(gateways.substr(36, 16), "00f067aa0ba902b7");
}

}  // namespace
}  // namespace assure::gateway
