// Probes of the gateway's door with what an attacker sends: claims and headers metadata
// cannot carry, made-up methods and verbs, malformed and oversized requests, and connections
// that say nothing or say it slowly. Nothing may end the process, grow metric series, or
// keep real requests from an answer.
#include <fcntl.h>

#include <fstream>
#include <thread>

#include "gmock/gmock.h"
#include "grpcpp/generic/generic_stub.h"
#include "nlohmann/json.hpp"
#include "services/common/dates.h"
#include "tests/gateway/gateway_fixture.h"
#include "tests/support/raw_socket.h"

namespace assure::gateway {
namespace {

using assure::testing::RawSocket;
using assure::testing::StatusOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Get(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra_headers + "\r\n";
}

int ThreadCount() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

class HostileInputTest : public GatewayTest {
 protected:
  std::string TokenFor(const std::string& subject, const std::vector<std::string>& roles) {
    Claims c;
    c.issuer = kTestIssuer;
    c.audience = kTestAudience;
    c.subject = subject;
    c.roles = roles;
    c.tenant = "LA1";
    c.expires = absl::Now() + absl::Minutes(5);
    return *signer_->Sign(c);
  }
};

TEST_F(HostileInputTest, ANonAsciiSubjectIsCarriedOverBothProtocolsAndNothingAborts) {
  const std::string token = TokenFor("zo\xc3\xab.smith", {"iro_manager"});
  v1::CreateIroRequest req;
  req.set_iro_id("iro-zoe");
  req.mutable_iro()->set_display_name("Zo\xc3\xab Smith");
  req.mutable_iro()->set_fte_hundredths(100);
  req.mutable_iro()->set_status(v1::IRO_STATUS_ACTIVE);
  req.mutable_iro()->set_chairs_lac_reviews(true);
  v1::Iro out;
  auto st = gateway_->stub().CreateIro(With(token).get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(HttpCall(gateway_->http_port(), "GET", "/v1/iros/iro-zoe", "", token).status, 200);
}

TEST_F(HostileInputTest, APurposeHeaderMetadataCannotCarryIsRefusedNamingIt) {
  RawSocket s(gateway_->http_port());
  ASSERT_TRUE(s.Send(Get("/v1/children/X", "Authorization: Bearer " + Token("iro") +
                                               "\r\nX-Assure-Purpose: review\tprep\r\n")));
  const std::string reply = s.ReadUntilClosed();
  EXPECT_EQ(StatusOf(reply), 400);
  EXPECT_THAT(reply, HasSubstr("x-assure-purpose"));
}

TEST_F(HostileInputTest, MadeUpGrpcMethodsShareOneSetOfSeries) {
  grpc::GenericStub generic(gateway_->channel());
  for (const std::string method : {"/assure.reviews.v1.ReviewsService/Nope1", "/made.Up/Nope2"}) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + Token("iro"));
    grpc::Slice empty("");
    grpc::ByteBuffer request(&empty, 1), response;
    grpc::Status result;
    absl::Notification done;
    generic.UnaryCall(&ctx, method, grpc::StubOptions(), &request, &response,
                      [&](grpc::Status st) {
                        result = st;
                        done.Notify();
                      });
    done.WaitForNotification();
    EXPECT_EQ(result.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  }
  const std::string metrics = gateway_->Metrics();
  EXPECT_THAT(metrics, Not(HasSubstr("Nope1")));
  EXPECT_THAT(metrics, Not(HasSubstr("made.Up")));
}

TEST_F(HostileInputTest, MalformedProtobufIsInvalidArgument) {
  grpc::GenericStub generic(gateway_->channel());
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + Token("iro"));
  grpc::Slice garbage(std::string("\xff\xff\xff\xff\x0f\x0a\x99", 7));
  grpc::ByteBuffer request(&garbage, 1), response;
  grpc::Status result;
  absl::Notification done;
  generic.UnaryCall(&ctx, "/assure.reviews.v1.ReviewsService/GetChild", grpc::StubOptions(),
                    &request, &response, [&](grpc::Status st) {
                      result = st;
                      done.Notify();
                    });
  done.WaitForNotification();
  EXPECT_EQ(result.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << result.error_message();
}

TEST_F(HostileInputTest, APathVariableThatIsNotUtf8IsABadRequest) {
  const auto reply = HttpCall(gateway_->http_port(), "GET", "/v1/children/C-%FF", "", Token("iro"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_THAT(reply.body, HasSubstr("name"));
}

TEST_F(HostileInputTest, AQueryParameterCannotOverrideAPathVariable) {
  v1::Child out;
  for (const std::string id : {"C-1", "C-2"}) {
    v1::CreateChildRequest req;
    req.set_child_id(id);
    *req.mutable_child()->mutable_birth_date() = ToProto(absl::CivilDay(2014, 3, 1));
    ASSERT_TRUE(gateway_->stub().CreateChild(With(Token("case_system")).get(), req, &out).ok());
  }
  const auto reply =
      HttpCall(gateway_->http_port(), "GET", "/v1/children/C-1?name=children/C-2", "", Token("iro"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_THAT(reply.body, Not(HasSubstr("children/C-2\"")));
}

TEST_F(HostileInputTest, MadeUpHttpVerbsAre501AndShareOneLabel) {
  for (const std::string verb : {"FOO", "BAR", "BAZ"}) {
    RawSocket s(gateway_->http_port());
    ASSERT_TRUE(s.Send(verb + " /v1/children/X HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    const std::string reply = s.ReadUntilClosed();
    EXPECT_EQ(StatusOf(reply), 501);
    EXPECT_THAT(reply, Not(HasSubstr(verb)));
  }
  const std::string metrics = gateway_->Metrics();
  EXPECT_THAT(metrics, Not(HasSubstr("FOO")));
  EXPECT_THAT(metrics, HasSubstr("method=\"other\""));
}

TEST_F(HostileInputTest, AnOversizedHeaderIsAnswered431) {
  RawSocket s(gateway_->http_port());
  ASSERT_TRUE(s.Send(Get("/v1/children/X", "X-Padding: " + std::string(64 << 10, 'a') + "\r\n")));
  EXPECT_EQ(StatusOf(s.ReadUntilClosed()), 431);
}

TEST_F(HostileInputTest, ABadRequestLineIsAnswered400) {
  RawSocket s(gateway_->http_port());
  ASSERT_TRUE(s.Send("THIS IS NOT HTTP\r\n\r\n"));
  EXPECT_EQ(StatusOf(s.ReadUntilClosed()), 400);
}

TEST_F(HostileInputTest, TheAccessLogNamesTheVerifiedCallerInLinesNoCallerCanForge) {
  assure::testing::TempDir dir;
  const std::string path = dir.File("access.log");
  const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  {
    GatewayOptions options;
    options.access_log_fd = fd;
    Gateway gateway(backend_->port(), *signer_, options);
    v1::GetChildRequest get;
    get.set_name("children/X");
    v1::Child out;
    auto ctx = With(Token("iro"));
    ctx->AddMetadata(kSubjectHeader, "admin\",\"tenant\":\"LA2");
    gateway.stub().GetChild(ctx.get(), get, &out);
    grpc::ClientContext anonymous;
    anonymous.AddMetadata(kSubjectHeader, "someone-else");
    gateway.stub().GetChild(&anonymous, get, &out);
  }  // the gateway stops: every line is written
  ::close(fd);
  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["subject"], "user-iro");
  EXPECT_EQ(lines[0]["tenant"], "LA1");
  EXPECT_EQ(lines[1]["subject"], "") << "an unauthenticated caller names nobody";
  EXPECT_EQ(lines[1]["code"], "Unauthenticated");
}

TEST_F(HostileInputTest, EachHttpRequestIsLoggedWithItsRouteItsCallerAndItsTrace) {
  assure::testing::TempDir dir;
  const std::string path = dir.File("access.log");
  const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  constexpr char kCallers[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  HttpReply traced, forged;
  {
    GatewayOptions options;
    options.access_log_fd = fd;
    Gateway gateway(backend_->port(), *signer_, options);
    traced = HttpCall(gateway.http_port(), "GET", "/v1/children/C-SECRET", "", Token("iro"),
                      kCallers);
    forged = HttpCall(gateway.http_port(), "GET", "/v1/children/X", "", "",
                      "00-\",\"trace_id\":\"forged-00f067aa0ba902b7-01");
  }
  ::close(fd);
  EXPECT_THAT(traced.traceparent, ::testing::StartsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
  EXPECT_NE(traced.traceparent, kCallers) << "the gateway's own span";
  EXPECT_EQ(forged.traceparent.size(), 55u) << "a new trace for a malformed one";
  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) {
    EXPECT_THAT(line, Not(HasSubstr("C-SECRET"))) << "the route template, never the path";
    EXPECT_THAT(line, Not(HasSubstr("forged")));
    lines.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["route"], "/v1/{name=children/*}");
  EXPECT_EQ(lines[0]["status"], 404);
  EXPECT_EQ(lines[0]["subject"], "user-iro");
  EXPECT_EQ(lines[0]["trace_id"], "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(lines[1]["status"], 401);
  EXPECT_EQ(lines[1]["trace_id"], forged.traceparent.substr(3, 32));
}

class BoundedConnectionsTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    gateway_.reset();
    GatewayOptions options;
    options.limits.idle_timeout = absl::Milliseconds(300);
    options.limits.request_timeout = absl::Milliseconds(500);
    options.max_connections = 20;
    gateway_ = std::make_unique<Gateway>(backend_->port(), *signer_, options);
  }
};

TEST_F(BoundedConnectionsTest, ASilentConnectionIsClosedAfterTheIdleTimeout) {
  RawSocket s(gateway_->http_port());
  s.ReadUntilClosed(3);
  EXPECT_TRUE(s.closed_by_server());
}

TEST_F(BoundedConnectionsTest, ASlowSenderIsClosedAfterTheRequestTimeout) {
  RawSocket s(gateway_->http_port());
  const absl::Time start = absl::Now();
  bool open = true;
  // One header byte every 100 ms never finishes a request.
  for (int i = 0; i < 30 && open; ++i) {
    open = s.Send(i == 0 ? "GET /healthz HTTP/1.1\r\nX-Slow: " : "a");
    absl::SleepFor(absl::Milliseconds(100));
  }
  s.ReadUntilClosed(3);
  EXPECT_TRUE(s.closed_by_server());
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
}

TEST_F(BoundedConnectionsTest, ConnectionsPastTheLimitAre503AndThreadsStayFixed) {
  const int threads_before = ThreadCount();
  std::vector<std::unique_ptr<RawSocket>> silent;
  for (int i = 0; i < 20; ++i) silent.push_back(std::make_unique<RawSocket>(gateway_->http_port()));
  for (int i = 0; i < 100 && gateway_->http().connections() < 20; ++i) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  RawSocket extra(gateway_->http_port());
  EXPECT_EQ(StatusOf(extra.ReadUntilClosed()), 503);
  EXPECT_LE(ThreadCount(), threads_before + 1) << "a connection must not cost a thread";
}

TEST_F(BoundedConnectionsTest, RealRequestsAreAnsweredOnceSilentConnectionsAreGone) {
  {
    std::vector<std::unique_ptr<RawSocket>> silent;
    for (int i = 0; i < 20; ++i) silent.push_back(std::make_unique<RawSocket>(gateway_->http_port()));
    absl::SleepFor(absl::Seconds(1));  // past the idle timeout: all of them closed
  }
  for (int i = 0; i < 100 && gateway_->http().connections() > 0; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_EQ(gateway_->http().connections(), 0);
  EXPECT_EQ(HttpCall(gateway_->http_port(), "GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace assure::gateway
