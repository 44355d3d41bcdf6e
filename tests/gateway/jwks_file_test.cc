// Key rotation without a restart: the gateway's JWKS file read again when it changes, the new
// keys taken and the withdrawn ones refused at once, and a broken file leaving the keys in use.
#include "gateway/auth/jwks_file.h"

#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"
#include "services/common/auth/jwt_signer.h"
#include "tests/support/call_context.h"

namespace assure::gateway {
namespace {

using auth::Claims;
using auth::JwtSigner;
using ::testing::HasSubstr;

const absl::Time kSigned = absl::FromUnixSeconds(1795600000);

MATCHER_P(Reloaded, replaced, "") { return arg.ok() && *arg == replaced; }

class JwksFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = *JwtSigner::Generate(JwtSigner::Algorithm::kEs256, "2026-11");
    new_ = *JwtSigner::Generate(JwtSigner::Algorithm::kRs256, "2026-12");
    Write(old_->Jwks());
    verifier_ = *JwtVerifier::FromJwks(old_->Jwks(), {"https://idp.example", "assure"});
    file_ = std::make_unique<JwksFile>(path_, *verifier_, registry_, old_->Jwks());
  }
  void Write(const std::string& content) {
    std::ofstream(path_ + ".new", std::ios::trunc) << content;
    std::rename((path_ + ".new").c_str(), path_.c_str());  // as a Secret's link swap does
  }
  std::string Token(const JwtSigner& signer) {
    Claims c;
    c.issuer = "https://idp.example";
    c.audience = "assure";
    c.subject = "iro-1";
    c.roles = {"iro"};
    c.tenant = "LA1";
    c.expires = kSigned + absl::Minutes(10);
    return *signer.Sign(c);
  }
  bool Verifies(const JwtSigner& signer) { return verifier_->Verify(Token(signer), kSigned).ok(); }
  std::string Metrics() { return prometheus::TextSerializer().Serialize(registry_.Collect()); }

  testing::TempDir dir_;
  std::string path_ = dir_.File("jwks.json");
  prometheus::Registry registry_;
  std::unique_ptr<JwtSigner> old_, new_;
  std::unique_ptr<JwtVerifier> verifier_;
  std::unique_ptr<JwksFile> file_;
};

TEST_F(JwksFileTest, AnUnchangedFileChangesNothing) {
  EXPECT_TRUE(Verifies(*old_));
  EXPECT_THAT(file_->ReloadIfChanged(), Reloaded(false));
  EXPECT_TRUE(Verifies(*old_));
}

TEST_F(JwksFileTest, ANewKeyAddedBeforeUseVerifiesAlongsideTheOld) {
  EXPECT_FALSE(Verifies(*new_));
  Write(R"({"keys":[)" + old_->Jwk() + "," + new_->Jwk() + "]}");
  EXPECT_THAT(file_->ReloadIfChanged(), Reloaded(true));
  EXPECT_TRUE(Verifies(*new_));
  EXPECT_TRUE(Verifies(*old_));
  EXPECT_EQ(verifier_->key_count(), 2);
}

TEST_F(JwksFileTest, AWithdrawnKeysTokensAreRefusedAtOnceThoughVerifiedBefore) {
  const std::string remembered = Token(*old_);
  ASSERT_TRUE(verifier_->Verify(remembered, kSigned).ok());
  Write(new_->Jwks());
  ASSERT_THAT(file_->ReloadIfChanged(), Reloaded(true));
  EXPECT_THAT(verifier_->Verify(remembered, kSigned).status().message(),
              HasSubstr("signature does not verify"));
  EXPECT_TRUE(Verifies(*new_));
}

TEST_F(JwksFileTest, ABrokenFileIsRefusedOnceAndTheKeysInUseAreKept) {
  Write(R"({"keys":[{"kty":"RSA","kid":"x","n":"!!","e":"AQAB"}]})");
  const auto refused = file_->ReloadIfChanged();
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr("RSA key 'x' is bad"));
  EXPECT_THAT(file_->ReloadIfChanged(), Reloaded(false))
      << "the same broken content is not tried again";
  EXPECT_TRUE(Verifies(*old_));
  EXPECT_THAT(Metrics(), HasSubstr(R"(assure_gateway_jwks_reloads_total{outcome="refused"} 1)"));
  Write(new_->Jwks());
  EXPECT_THAT(file_->ReloadIfChanged(), Reloaded(true));
  EXPECT_TRUE(Verifies(*new_));
  EXPECT_THAT(Metrics(), HasSubstr(R"(assure_gateway_jwks_reloads_total{outcome="taken"} 1)"));
}

TEST_F(JwksFileTest, AFileMissingForAMomentKeepsTheKeysInUse) {
  std::remove(path_.c_str());
  EXPECT_EQ(file_->ReloadIfChanged().status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(Verifies(*old_));
}

}  // namespace
}  // namespace assure::gateway
