// Through the gateway, over typed gRPC and HTTP/JSON, to a real reviews backend.
#include <thread>

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/common/errors.h"
#include "services/common/dates.h"
#include "services/common/health_client.h"
#include "tests/gateway/gateway_fixture.h"
#include "tests/support/reflection_client.h"

namespace assure::gateway {
namespace {

using assure::testing::BadFields;
using ::testing::HasSubstr;

constexpr char kChildJson[] =
    R"({"birthDate":{"year":2014,"month":3,"day":1},"periodsOfCare":[{"startDate":)"
    R"({"year":2026,"month":3,"day":2},"legalStatus":"LEGAL_STATUS_CARE_ORDER"}]})";

v1::CreateChildRequest NewChild(const std::string& id) {
  v1::CreateChildRequest req;
  req.set_child_id(id);
  *req.mutable_child()->mutable_birth_date() = ToProto(absl::CivilDay(2014, 3, 1));
  return req;
}

TEST_F(GatewayTest, GrpcCreateGetAndListWithPaging) {
  for (int i = 0; i < 3; ++i) {
    v1::Child out;
    auto st = gateway_->stub().CreateChild(With(Token("case_system")).get(),
                                           NewChild("G" + std::to_string(i)), &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  v1::GetChildRequest get;
  get.set_name("children/G1");
  v1::Child child;
  ASSERT_TRUE(gateway_->stub().GetChild(With(Token("iro")).get(), get, &child).ok());
  EXPECT_EQ(child.name(), "children/G1");

  v1::ListChildrenRequest list;
  list.set_page_size(2);
  v1::ListChildrenResponse page;
  ASSERT_TRUE(gateway_->stub().ListChildren(With(Token("iro_manager")).get(), list, &page).ok());
  EXPECT_EQ(page.children_size(), 2);
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(gateway_->stub().ListChildren(With(Token("iro_manager")).get(), list, &page).ok());
  EXPECT_EQ(page.children_size(), 1);
  EXPECT_TRUE(page.next_page_token().empty());
}

TEST_F(GatewayTest, JsonCreateGetAndListWithPaging) {
  const int port = gateway_->http_port();
  for (const char* id : {"J1", "J2", "J3"}) {
    auto r = HttpCall(port, "POST", std::string("/v1/children?childId=") + id, kChildJson,
                      Token("case_system"));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_THAT(r.body, HasSubstr(R"("lookedAfter":true)"));
  }
  auto got = HttpCall(port, "GET", "/v1/children/J2", "", Token("iro"));
  EXPECT_EQ(got.status, 200);
  EXPECT_THAT(got.body, HasSubstr(R"("name":"children/J2")"));
  auto page = HttpCall(port, "GET", "/v1/children?pageSize=2", "", Token("iro_manager"));
  ASSERT_EQ(page.status, 200);
  const auto at = page.body.find(R"("nextPageToken":")");
  ASSERT_NE(at, std::string::npos);
  const std::string token = page.body.substr(at + 17, page.body.find('"', at + 17) - at - 17);
  auto rest = HttpCall(port, "GET", "/v1/children?pageSize=2&pageToken=" + token, "",
                       Token("iro_manager"));
  EXPECT_THAT(rest.body, HasSubstr("children/J3"));
  EXPECT_THAT(rest.body, ::testing::Not(HasSubstr("nextPageToken")));
}

TEST_F(GatewayTest, FieldViolationsSurviveBothProtocols) {
  v1::CreateChildRequest bad;
  bad.set_child_id("B1");
  v1::Child out;
  auto st = gateway_->stub().CreateChild(With(Token("case_system")).get(), bad, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(st), ::testing::ElementsAre("child.birth_date"));

  auto r = HttpCall(gateway_->http_port(), "POST", "/v1/children?childId=B1", "{}",
                    Token("case_system"));
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, HasSubstr(R"("@type":"type.googleapis.com/google.rpc.BadRequest")"));
  EXPECT_THAT(r.body, HasSubstr(R"("field":"child.birth_date")"));
}

TEST_F(GatewayTest, StatusCodesMapToHttp) {
  const int port = gateway_->http_port();
  EXPECT_EQ(HttpCall(port, "GET", "/v1/children/nobody", "", Token("iro")).status, 404);
  EXPECT_EQ(HttpCall(port, "POST", "/v1/iros?iroId=x", "{}", Token("social_worker")).status, 403);
  EXPECT_EQ(HttpCall(port, "GET", "/v1/nothing/here", "", Token("iro")).status, 404);
  HttpCall(port, "POST", "/v1/children?childId=D1", kChildJson, Token("case_system"));
  EXPECT_EQ(HttpCall(port, "POST", "/v1/children?childId=D1", kChildJson, Token("case_system")).status,
            409);
}

TEST_F(GatewayTest, EveryBadTokenIsUnauthenticatedAndNeverReachesTheBackend) {
  auto other = *JwtSigner::Generate(JwtSigner::Algorithm::kRs256, "test");
  Claims wrong_audience;
  wrong_audience.issuer = kTestIssuer;
  wrong_audience.audience = "someone-else";
  wrong_audience.subject = "x";
  wrong_audience.tenant = "LA1";
  wrong_audience.expires = absl::Now() + absl::Minutes(5);
  Claims foreign = wrong_audience;
  foreign.audience = "assure";
  const std::vector<std::string> tokens = {
      "",                                              // missing
      "not-a-jwt",                                     // malformed
      Token("iro", "LA1", -absl::Minutes(5)),          // expired
      *other->Sign(foreign),                           // wrongly signed
      *signer_->Sign(wrong_audience),                  // wrong audience
  };
  v1::GetChildRequest get;
  get.set_name("children/X");
  for (const auto& token : tokens) {
    v1::Child out;
    auto ctx = token.empty() ? std::make_unique<grpc::ClientContext>() : With(token);
    EXPECT_EQ(gateway_->stub().GetChild(ctx.get(), get, &out).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << token;
    EXPECT_EQ(HttpCall(gateway_->http_port(), "GET", "/v1/children/X", "", token).status, 401);
  }
  EXPECT_THAT(backend_->Metrics(),
              HasSubstr("grpc_server_started_total{grpc_method=\"GetChild\",grpc_service=\"assure."
                        "reviews.v1.ReviewsService\",grpc_type=\"unary\"} 0"));
  EXPECT_THAT(gateway_->Metrics(),
              HasSubstr("assure_gateway_rejected_total{reason=\"unauthenticated\"} 10"));
}

TEST_F(GatewayTest, AForgedPrincipalHeaderIsIgnored) {
  auto ctx = With(Token("case_system", "LA1"));
  ctx->AddMetadata(kTenantHeader, "LA2");
  ctx->AddMetadata(kRolesHeader, "admin");
  v1::Child out;
  ASSERT_TRUE(gateway_->stub().CreateChild(ctx.get(), NewChild("F1"), &out).ok());
  v1::GetChildRequest get;
  get.set_name("children/F1");
  EXPECT_TRUE(gateway_->stub().GetChild(With(Token("iro", "LA1")).get(), get, &out).ok());
  EXPECT_EQ(gateway_->stub().GetChild(With(Token("iro", "LA2")).get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // The forged role did not make a case system into an IRO manager.
  auto forged = With(Token("case_system"));
  forged->AddMetadata(kRolesHeader, "iro_manager");
  v1::CreateIroRequest iro;
  iro.set_iro_id("i1");
  v1::Iro made;
  EXPECT_EQ(gateway_->stub().CreateIro(forged.get(), iro, &made).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(GatewayTest, ABackendThatStopsFailsFastAndIsUsedAgainWhenBack) {
  v1::Child out;
  ASSERT_TRUE(gateway_->stub().CreateChild(With(Token("case_system")).get(), NewChild("S1"), &out).ok());
  const int port = backend_->port();
  backend_.reset();
  auto ctx = With(Token("iro"));
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::GetChildRequest get;
  get.set_name("children/S1");
  const auto start = absl::Now();
  EXPECT_EQ(gateway_->stub().GetChild(ctx.get(), get, &out).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));  // not the 20 s deadline
  EXPECT_EQ(HttpCall(gateway_->http_port(), "GET", "/v1/children/S1", "", Token("iro")).status, 503);
  gateway_->health().CheckAll();
  EXPECT_FALSE(gateway_->health().Snapshot().first);

  backend_ = std::make_unique<ReviewsBackend>(dir_.File("reviews.db"), port);
  bool back = false;
  for (int i = 0; i < 50 && !back; ++i) {
    back = gateway_->stub().GetChild(With(Token("iro")).get(), get, &out).ok();
    if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(back);
  gateway_->health().CheckAll();
  EXPECT_TRUE(gateway_->health().Snapshot().first);
}

TEST_F(GatewayTest, ReflectionAtTheGatewayListsThePublicServices) {
  EXPECT_THAT(assure::testing::ListServicesViaReflection(gateway_->channel()),
              HasSubstr("assure.reviews.v1.ReviewsService"));
  auto health = CheckHealth(gateway_->channel(), "assure.reviews.v1.ReviewsService", absl::Seconds(2));
  ASSERT_TRUE(health.ok());
  EXPECT_EQ(*health, HealthStatus::kServing);
}

TEST_F(GatewayTest, HealthzNeedsNoToken) {
  auto r = HttpCall(gateway_->http_port(), "GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr(R"("assure.reviews.v1.ReviewsService":"SERVING")"));
}

TEST_F(GatewayTest, TheOpenApiDocumentNeedsNoTokenAndDescribesTheRoutes) {
  auto r = HttpCall(gateway_->http_port(), "GET", "/openapi.json");
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr(R"("swagger": "2.0")"));
  EXPECT_THAT(r.body, HasSubstr(R"("/v1/{name=children/*/referrals/*}:accept")"));
  EXPECT_EQ(HttpCall(gateway_->http_port(), "PUT", "/openapi.json").status, 405);
}

TEST_F(GatewayTest, AKnownPathAskedWithTheWrongVerbAnswers405WithTheVerbsItTakes) {
  const int port = gateway_->http_port();
  auto r = HttpCall(port, "DELETE", "/v1/children/J2", "", Token("iro"));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.allow, "GET, PATCH");
  EXPECT_THAT(r.body, HasSubstr("method DELETE is not allowed at this path"));
  auto health = HttpCall(port, "POST", "/healthz");
  EXPECT_EQ(health.status, 405);
  EXPECT_EQ(health.allow, "GET");
  EXPECT_EQ(HttpCall(port, "DELETE", "/v1/nothing/here", "", Token("iro")).status, 404);
}

TEST_F(GatewayTest, MetricsCountClientCallsAndHttpRequests) {
  v1::Child out;
  gateway_->stub().CreateChild(With(Token("case_system")).get(), NewChild("M1"), &out);
  HttpCall(gateway_->http_port(), "GET", "/v1/children/M1", "", Token("iro"));
  const std::string text = gateway_->Metrics();
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"CreateChild\""));
  EXPECT_THAT(text, HasSubstr("grpc_client_handled_total{grpc_code=\"OK\",grpc_method=\"CreateChild\""));
  EXPECT_THAT(text, HasSubstr("grpc_client_handling_seconds_bucket{grpc_method=\"GetChild\""));
  EXPECT_THAT(text, HasSubstr("assure_gateway_http_requests_total{code=\"200\",method=\"GET\","
                              "route=\"/v1/{name=children/*}\"} 1"));
}

TEST(GatewayLimits, ARateLimitedCallerGetsResourceExhaustedAnd429) {
  assure::testing::TempDir dir;
  auto signer = *JwtSigner::Generate(JwtSigner::Algorithm::kEs256, "test");
  ReviewsBackend backend(dir.File("r.db"));
  GatewayOptions options;
  options.rate = 0.001;
  options.burst = 2;
  Gateway gateway(backend.port(), *signer, options);
  const std::string token = SignedToken(*signer, "iro");
  v1::GetChildRequest get;
  get.set_name("children/X");
  v1::Child out;
  for (int i = 0; i < 2; ++i) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token);
    EXPECT_EQ(gateway.stub().GetChild(&ctx, get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  }
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + token);
  const grpc::Status refused = gateway.stub().GetChild(&ctx, get, &out);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(RetryAfter(refused), ::testing::Optional(::testing::Gt(absl::Seconds(900))))
      << "one call in 1,000 s: the next is about 1,000 s away";
  const auto http = HttpCall(gateway.http_port(), "GET", "/v1/children/X", "", token);
  EXPECT_EQ(http.status, 429);
  EXPECT_THAT(std::stoi(http.retry_after), ::testing::AllOf(::testing::Gt(900), ::testing::Le(1000)));
  EXPECT_THAT(http.body, HasSubstr(R"("reason":"RATE_LIMITED","domain":"assure")"));
}

TEST_F(GatewayTest, EveryErrorAtTheDoorCarriesAStableReason) {
  const int port = gateway_->http_port();
  EXPECT_THAT(HttpCall(port, "GET", "/v1/children/X").body, HasSubstr(R"("reason":"TOKEN_REJECTED")"));
  EXPECT_THAT(HttpCall(port, "POST", "/v1/iros?iroId=x", "{}", Token("social_worker")).body,
              HasSubstr(R"("reason":"ROLE_NOT_PERMITTED")"));
  EXPECT_THAT(HttpCall(port, "GET", "/v1/children/nobody", "", Token("iro")).body,
              HasSubstr(R"("reason":"RESOURCE_NOT_FOUND")"));
  EXPECT_THAT(HttpCall(port, "GET", "/v1/nothing/here", "", Token("iro")).body,
              HasSubstr(R"("reason":"NOT_FOUND","domain":"assure")"));
  EXPECT_THAT(HttpCall(port, "DELETE", "/v1/children/X", "", Token("iro")).body,
              HasSubstr(R"("reason":"UNIMPLEMENTED")"));
  v1::Child out;
  v1::GetChildRequest get;
  get.set_name("children/nobody");
  const grpc::Status st = gateway_->stub().GetChild(With(Token("iro")).get(), get, &out);
  google::rpc::Status rpc;
  ASSERT_TRUE(rpc.ParseFromString(st.error_details()));
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(std::any_of(rpc.details().begin(), rpc.details().end(),
                          [&](const auto& any) { return any.UnpackTo(&info); }));
  EXPECT_EQ(info.reason(), "RESOURCE_NOT_FOUND");
  EXPECT_EQ(info.metadata().at("resource"), "children/nobody");
}

TEST(GatewayLimits, ABodyOverTheLimitIs413) {
  assure::testing::TempDir dir;
  auto signer = *JwtSigner::Generate(JwtSigner::Algorithm::kEs256, "test");
  ReviewsBackend backend(dir.File("r.db"));
  GatewayOptions options;
  options.limits.max_body_bytes = 1024;
  Gateway gateway(backend.port(), *signer, options);
  auto r = HttpCall(gateway.http_port(), "POST", "/v1/children?childId=L", std::string(4096, ' '));
  EXPECT_EQ(r.status, 413);
  EXPECT_THAT(gateway.Metrics(), HasSubstr("assure_gateway_rejected_total{reason=\"too_large\"} 1"));
}

}  // namespace
}  // namespace assure::gateway
