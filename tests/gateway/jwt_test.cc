#include "gateway/auth/jwt.h"

#include "services/common/auth/jwt_signer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace assure::gateway {
namespace {

using auth::Claims;
using auth::JwtSigner;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const absl::Time kNow = absl::FromUnixSeconds(1795600000);

class JwtTest : public ::testing::TestWithParam<JwtSigner::Algorithm> {
 protected:
  void SetUp() override {
    signer_ = *JwtSigner::Generate(GetParam(), "k1");
    verifier_ = *JwtVerifier::FromJwks(signer_->Jwks(), {"https://idp.example", "assure"});
  }
  Claims Good() const {
    Claims c;
    c.issuer = "https://idp.example";
    c.audience = "assure";
    c.subject = "iro-1";
    c.roles = {"iro", "auditor"};
    c.tenant = "LA1";
    c.expires = kNow + absl::Minutes(10);
    return c;
  }
  absl::Status VerifyClaims(const Claims& c) {
    return verifier_->Verify(*signer_->Sign(c), kNow).status();
  }

  std::unique_ptr<JwtSigner> signer_;
  std::unique_ptr<JwtVerifier> verifier_;
};

TEST_P(JwtTest, AGoodTokenGivesThePrincipal) {
  auto who = verifier_->Verify(*signer_->Sign(Good()), kNow);
  ASSERT_TRUE(who.ok()) << who.status();
  EXPECT_EQ(who->subject, "iro-1");
  EXPECT_EQ(who->tenant, "LA1");
  EXPECT_THAT(who->roles, ElementsAre("iro", "auditor"));
}

TEST_P(JwtTest, AnExpiredTokenIsRefusedAfterTheSkew) {
  Claims c = Good();
  c.expires = kNow - absl::Seconds(30);
  EXPECT_TRUE(VerifyClaims(c).ok());  // within 60 s of skew
  c.expires = kNow - absl::Seconds(61);
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("expired"));
}

TEST_P(JwtTest, ATokenNotYetValidIsRefused) {
  Claims c = Good();
  c.not_before = kNow + absl::Minutes(5);
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("not yet valid"));
}

TEST_P(JwtTest, WrongIssuerOrAudienceIsRefused) {
  Claims c = Good();
  c.issuer = "https://elsewhere";
  EXPECT_EQ(VerifyClaims(c).code(), absl::StatusCode::kUnauthenticated);
  c = Good();
  c.audience = "other-api";
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("audience"));
}

TEST_P(JwtTest, ATokenSignedByAnotherKeyIsRefused) {
  auto other = *JwtSigner::Generate(GetParam(), "k1");
  EXPECT_THAT(verifier_->Verify(*other->Sign(Good()), kNow).status().message(),
              HasSubstr("signature"));
}

TEST_P(JwtTest, ATamperedPayloadIsRefused) {
  std::string token = *signer_->Sign(Good());
  Claims admin = Good();
  admin.roles = {"admin"};
  const std::string forged = *signer_->Sign(admin);
  // Header and signature of one token with the payload of another.
  const auto dot1 = token.find('.'), dot2 = token.rfind('.');
  const auto fdot1 = forged.find('.'), fdot2 = forged.rfind('.');
  token = token.substr(0, dot1) + forged.substr(fdot1, fdot2 - fdot1) + token.substr(dot2);
  EXPECT_EQ(verifier_->Verify(token, kNow).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_P(JwtTest, MalformedTokensAreRefused) {
  for (const char* t : {"", "abc", "a.b", "a.b.c", "!!.??.**"}) {
    EXPECT_EQ(verifier_->Verify(t, kNow).status().code(), absl::StatusCode::kUnauthenticated) << t;
  }
}

TEST_P(JwtTest, ATokenWithoutTenantIsRefused) {
  Claims c = Good();
  c.tenant = "";
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("tenant"));
}

TEST_P(JwtTest, ANonAsciiSubjectIsAcceptedAsText) {
  Claims c = Good();
  c.subject = "zo\xc3\xab.smith";
  auto who = verifier_->Verify(*signer_->Sign(c), kNow);
  ASSERT_TRUE(who.ok()) << who.status();
  EXPECT_EQ(who->subject, "zo\xc3\xab.smith");
}

TEST_P(JwtTest, ClaimsThatCannotBeCarriedAreRefusedNamingTheClaim) {
  Claims c = Good();
  c.tenant = "*";
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("claim 'tenant'"));
  c = Good();
  c.tenant = "l\xc3\xa0" "1";
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("claim 'tenant'"));
  c = Good();
  c.roles = {"social_worker,iro_manager"};
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("claim 'roles'"));
  c = Good();
  c.roles = {" admin "};
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("claim 'roles'"));
  c = Good();
  c.subject = "iro\t1";
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("claim 'sub'"));
  c = Good();
  c.partner = "nyas\xc3\xab";
  c.roles = {"advocate"};
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("claim 'partner'"));
}

TEST_P(JwtTest, APartnerRoleNeedsItsPartnerAndAPartnerHoldsOnlyPartnerRoles) {
  Claims c = Good();
  c.roles = {"advocate"};
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("claim 'partner'"));
  c.partner = "nyas";
  EXPECT_TRUE(VerifyClaims(c).ok());
  c.roles = {"advocate", "iro_manager"};
  EXPECT_THAT(VerifyClaims(c).message(), HasSubstr("claim 'roles'"));
}

TEST_P(JwtTest, TimesPastAnyRealDateAreRefusedNotWrapped) {
  const std::string base =
      R"("iss":"https://idp.example","aud":"assure","sub":"iro-1","tenant":"LA1","roles":["iro"])";
  auto verify = [&](const std::string& times) {
    return verifier_->Verify(*signer_->SignPayload("{" + base + "," + times + "}"), kNow).status();
  };
  EXPECT_TRUE(verify(R"("exp":1795600600)").ok());
  EXPECT_THAT(verify(R"("exp":1795600600,"nbf":1e19)").message(), HasSubstr("claim 'nbf'"));
  EXPECT_THAT(verify(R"("exp":1e300)").message(), HasSubstr("claim 'exp'"));
  EXPECT_THAT(verify(R"("exp":-1e19)").message(), HasSubstr("claim 'exp'"));
}

INSTANTIATE_TEST_SUITE_P(BothAlgorithms, JwtTest,
                         ::testing::Values(JwtSigner::Algorithm::kRs256,
                                           JwtSigner::Algorithm::kEs256));

TEST(Jwt, AnUnsignedAlgNoneTokenIsRefused) {
  auto signer = *JwtSigner::Generate(JwtSigner::Algorithm::kEs256, "k1");
  auto verifier = *JwtVerifier::FromJwks(signer->Jwks(), {"i", "a"});
  // {"alg":"none"} . {"sub":"x","tenant":"LA1","iss":"i","aud":"a","exp":9999999999} .
  const std::string token =
      "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwidGVuYW50IjoiTEExIiwiaXNzIjoiaSIsImF1ZCI6ImEiLCJleHAiOjk5"
      "OTk5OTk5OTl9.";
  EXPECT_THAT(verifier->Verify(token, kNow).status().message(), HasSubstr("algorithm"));
}

TEST(BearerToken, TakesTheTokenFromTheHeader) {
  EXPECT_EQ(BearerToken("Bearer abc.def.ghi"), "abc.def.ghi");
  EXPECT_EQ(BearerToken("bearer abc"), "abc");
  EXPECT_EQ(BearerToken("Basic dXNlcg=="), "");
  EXPECT_EQ(BearerToken(""), "");
}

}  // namespace
}  // namespace assure::gateway

namespace assure::gateway {
namespace {

TEST(JwtCache, ARememberedTokenStillExpires) {
  auto signer = *JwtSigner::Generate(JwtSigner::Algorithm::kEs256, "k1");
  auto verifier = *JwtVerifier::FromJwks(signer->Jwks(), {"i", "a"});
  Claims c;
  c.issuer = "i";
  c.audience = "a";
  c.subject = "s";
  c.tenant = "LA1";
  c.expires = kNow + absl::Minutes(5);
  const std::string token = *signer->Sign(c);
  EXPECT_TRUE(verifier->Verify(token, kNow).ok());
  EXPECT_TRUE(verifier->Verify(token, kNow + absl::Minutes(1)).ok());
  EXPECT_EQ(verifier->Verify(token, kNow + absl::Minutes(7)).status().code(),
            absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace assure::gateway
