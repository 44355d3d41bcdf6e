#include "services/common/auth/jwt_signer.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "absl/strings/str_join.h"
#include "services/common/auth/ecdsa_encoding.h"

namespace assure::auth {
namespace {

std::string B64(const std::string& bytes) { return absl::WebSafeBase64Escape(bytes); }

std::string Bn(const EVP_PKEY* key, const char* name, int pad_to = 0) {
  BIGNUM* n = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &n) != 1) return "";
  std::string out(pad_to > 0 ? pad_to : BN_num_bytes(n), '\0');
  BN_bn2binpad(n, reinterpret_cast<unsigned char*>(&out[0]), static_cast<int>(out.size()));
  BN_free(n);
  return out;
}

std::string Quote(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

struct JwtSigner::Impl {
  Algorithm algorithm;
  std::string kid;
  EVP_PKEY* key = nullptr;
  ~Impl() { EVP_PKEY_free(key); }
};

JwtSigner::JwtSigner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JwtSigner::~JwtSigner() = default;

absl::StatusOr<std::unique_ptr<JwtSigner>> JwtSigner::Generate(Algorithm algorithm,
                                                               std::string kid) {
  auto impl = std::make_unique<Impl>();
  impl->algorithm = algorithm;
  impl->kid = std::move(kid);
  impl->key = algorithm == Algorithm::kRs256 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
  if (impl->key == nullptr) return absl::InternalError("key generation failed");
  return std::unique_ptr<JwtSigner>(new JwtSigner(std::move(impl)));
}

std::string JwtSigner::Jwk() const {
  if (impl_->algorithm == Algorithm::kRs256) {
    return absl::StrCat(R"({"kty":"RSA","alg":"RS256","use":"sig","kid":)", Quote(impl_->kid),
                        R"(,"n":")", B64(Bn(impl_->key, OSSL_PKEY_PARAM_RSA_N)), R"(","e":")",
                        B64(Bn(impl_->key, OSSL_PKEY_PARAM_RSA_E)), "\"}");
  }
  return absl::StrCat(R"({"kty":"EC","alg":"ES256","use":"sig","crv":"P-256","kid":)",
                      Quote(impl_->kid), R"(,"x":")",
                      B64(Bn(impl_->key, OSSL_PKEY_PARAM_EC_PUB_X, 32)), R"(","y":")",
                      B64(Bn(impl_->key, OSSL_PKEY_PARAM_EC_PUB_Y, 32)), "\"}");
}

std::string JwtSigner::Jwks() const { return absl::StrCat(R"({"keys":[)", Jwk(), "]}"); }

absl::StatusOr<std::string> JwtSigner::Sign(const Claims& c) const {
  std::vector<std::string> roles;
  for (const auto& r : c.roles) roles.push_back(Quote(r));
  std::string payload = absl::StrCat(
      "{\"iss\":", Quote(c.issuer), ",\"aud\":", Quote(c.audience), ",\"sub\":", Quote(c.subject),
      ",\"tenant\":", Quote(c.tenant), ",\"roles\":[", absl::StrJoin(roles, ","), "]");
  if (!c.partner.empty()) absl::StrAppend(&payload, ",\"partner\":", Quote(c.partner));
  if (c.expires != absl::InfiniteFuture()) {
    absl::StrAppend(&payload, ",\"exp\":", absl::ToUnixSeconds(c.expires));
  }
  if (c.not_before != absl::InfinitePast()) {
    absl::StrAppend(&payload, ",\"nbf\":", absl::ToUnixSeconds(c.not_before));
  }
  payload += "}";
  return SignPayload(payload);
}

absl::StatusOr<std::string> JwtSigner::SignPayload(const std::string& payload) const {
  const bool rsa = impl_->algorithm == Algorithm::kRs256;
  const std::string header =
      absl::StrCat(R"({"alg":")", rsa ? "RS256" : "ES256", R"(","typ":"JWT","kid":)",
                   Quote(impl_->kid), "}");
  const std::string signing_input = absl::StrCat(B64(header), ".", B64(payload));

  EVP_MD_CTX* md = EVP_MD_CTX_new();
  size_t len = 0;
  std::string sig;
  bool ok = EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, impl_->key) == 1 &&
            EVP_DigestSign(md, nullptr, &len,
                           reinterpret_cast<const unsigned char*>(signing_input.data()),
                           signing_input.size()) == 1;
  if (ok) {
    sig.resize(len);
    ok = EVP_DigestSign(md, reinterpret_cast<unsigned char*>(&sig[0]), &len,
                        reinterpret_cast<const unsigned char*>(signing_input.data()),
                        signing_input.size()) == 1;
    sig.resize(len);
  }
  EVP_MD_CTX_free(md);
  if (!ok) return absl::InternalError("signing failed");
  if (!rsa) {
    auto raw = DerToRawSignature(sig);
    if (!raw) return absl::InternalError("signature encoding failed");
    sig = *raw;
  }
  return absl::StrCat(signing_input, ".", B64(sig));
}

}  // namespace assure::auth
