// TLS at the door: with a certificate and key the gateway's gRPC and HTTP ports speak TLS
// only. A client trusting the certificate calls through both; a plaintext client is refused.
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "tests/gateway/gateway_fixture.h"

namespace assure::gateway {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = boost::asio::ssl;

class TlsTest : public GatewayTest {
 protected:
  void SetUp() override {
    cert_ = dir_.File("cert.pem");
    key_ = dir_.File("key.pem");
    ASSERT_TRUE(Mint(cert_, key_));
    signer_ = *JwtSigner::Generate(JwtSigner::Algorithm::kEs256, "test");
    backend_ = std::make_unique<ReviewsBackend>(dir_.File("reviews.db"));
    GatewayOptions options;
    options.tls_cert_file = cert_;
    options.tls_key_file = key_;
    gateway_ = std::make_unique<Gateway>(backend_->port(), *signer_, options);
  }

  // A self-signed certificate for the loopback address, as a test CA would issue.
  static bool Mint(const std::string& cert, const std::string& key) {
    const std::string mint = absl::StrCat(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
        "-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout ",
        key, " -out ", cert, " 2>/dev/null");
    return std::system(mint.c_str()) == 0;
  }

  // GET `target` over HTTPS, trusting only `trusted`; status 0 if no answer.
  int HttpsGet(const std::string& target, const std::string& token = "", std::string trusted = "") {
    boost::asio::io_context io;
    ssl::context ctx(ssl::context::tls_client);
    ctx.load_verify_file(trusted.empty() ? cert_ : trusted);
    ctx.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
    beast::error_code ec;
    beast::get_lowest_layer(stream).connect({boost::asio::ip::make_address("127.0.0.1"),
                                             static_cast<unsigned short>(gateway_->http_port())},
                                            ec);
    if (!ec) stream.handshake(ssl::stream_base::client, ec);
    if (ec) return 0;
    http::request<http::string_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "localhost");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    http::write(stream, req, ec);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    if (!ec) http::read(stream, buffer, res, ec);
    return ec ? 0 : static_cast<int>(res.result_int());
  }

  std::string cert_, key_;
};

TEST_F(TlsTest, ATypedCallerTrustingTheCertificateIsServed) {
  v1::CreateChildRequest req;
  req.set_child_id("T1");
  auto* born = req.mutable_child()->mutable_birth_date();
  born->set_year(2014);
  born->set_month(3);
  born->set_day(1);
  v1::Child out;
  const auto st = gateway_->stub().CreateChild(With(Token("case_system")).get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.name(), "children/T1");
}

TEST_F(TlsTest, APlaintextGrpcCallerIsRefused) {
  auto plain = v1::ReviewsService::NewStub(
      grpc::CreateChannel(gateway_->grpc_address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + Token("iro"));
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  v1::GetChildRequest get;
  get.set_name("children/T1");
  v1::Child out;
  const auto st = plain->GetChild(&ctx, get, &out);
  EXPECT_THAT(st.error_code(),
              ::testing::AnyOf(grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::DEADLINE_EXCEEDED));
}

TEST_F(TlsTest, HttpsIsServedAndPlainHttpIsNot) {
  EXPECT_EQ(HttpsGet("/healthz"), 200);
  EXPECT_EQ(HttpsGet("/v1/children/nobody", Token("iro")), 404);
  EXPECT_EQ(HttpCall(gateway_->http_port(), "GET", "/healthz").status, 0);
}

TEST_F(TlsTest, ARenewedCertificateIsTakenWithoutARestartAndABrokenOneIsNot) {
  const std::string old_cert = dir_.File("old.pem");
  std::filesystem::copy_file(cert_, old_cert);
  const std::string next_cert = dir_.File("next.pem"), next_key = dir_.File("next-key.pem");
  ASSERT_TRUE(Mint(next_cert, next_key));
  std::filesystem::copy_file(next_key, key_, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(next_cert, cert_, std::filesystem::copy_options::overwrite_existing);
  int renewed = 0;
  for (int i = 0; i < 50 && renewed != 200; ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    renewed = HttpsGet("/healthz", "", next_cert);
  }
  EXPECT_EQ(renewed, 200) << "the renewed certificate is served";
  EXPECT_EQ(HttpsGet("/healthz", "", old_cert), 0) << "the old one no longer is";

  std::ofstream(cert_, std::ios::trunc) << "not a certificate";
  absl::SleepFor(absl::Milliseconds(500));
  EXPECT_EQ(HttpsGet("/healthz", "", next_cert), 200) << "a broken file keeps the one in use";
}

}  // namespace
}  // namespace assure::gateway
