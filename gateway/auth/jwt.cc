#include "gateway/auth/jwt.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>


#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/auth/ecdsa_encoding.h"
#include "services/common/errors.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace assure::gateway {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

absl::Status Unauthenticated(absl::string_view why) {
  return WithReason(absl::UnauthenticatedError(absl::StrCat("bearer token rejected: ", why)),
                    "TOKEN_REJECTED");
}

std::string Text(const Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  return it != s.fields().end() && it->second.has_string_value() ? it->second.string_value() : "";
}

// A NumericDate as a time, refusing what no real token carries (before 1970 or after 9999):
// a double past int64's range converts to an undefined value, so it is checked first.
absl::StatusOr<absl::Time> UnixTime(double seconds, absl::string_view claim) {
  constexpr double kYear10000 = 253402300800.0;
  if (!(seconds >= 0 && seconds < kYear10000)) {
    return Unauthenticated(absl::StrCat("claim '", claim, "' is out of range"));
  }
  return absl::FromUnixSeconds(static_cast<int64_t>(seconds));
}

bool Decode(absl::string_view b64url, std::string* out) {
  return absl::WebSafeBase64Unescape(b64url, out);
}

absl::StatusOr<Struct> ParseJson(absl::string_view json) {
  Struct s;
  if (!google::protobuf::util::JsonStringToMessage(std::string(json), &s).ok()) {
    return absl::InvalidArgumentError("not a JSON object");
  }
  return s;
}

struct ParamBuilder {
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  std::vector<BIGNUM*> numbers;
  ~ParamBuilder() {
    for (BIGNUM* n : numbers) BN_free(n);
    OSSL_PARAM_BLD_free(bld);
  }
  bool Number(const char* key, const std::string& bytes) {
    BIGNUM* n = BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()), nullptr);
    if (n == nullptr) return false;
    numbers.push_back(n);
    return OSSL_PARAM_BLD_push_BN(bld, key, n) == 1;
  }
};

EVP_PKEY* FromParams(const char* type, ParamBuilder& b) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(b.bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* key = nullptr;
  if (params == nullptr || ctx == nullptr || EVP_PKEY_fromdata_init(ctx) != 1 ||
      EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1) {
    key = nullptr;
  }
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return key;
}

}  // namespace

struct JwtVerifier::Key {
  std::string kid;
  std::string alg;  // "RS256" or "ES256"
  EVP_PKEY* pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

JwtVerifier::JwtVerifier(JwtRequirements requirements) : requirements_(std::move(requirements)) {}
JwtVerifier::~JwtVerifier() = default;

absl::StatusOr<std::shared_ptr<const JwtVerifier::KeySet>> JwtVerifier::ParseKeys(
    absl::string_view jwks_json) {
  auto jwks = ParseJson(jwks_json);
  if (!jwks.ok()) return absl::InvalidArgumentError("jwks: not a JSON object");
  auto keys = jwks->fields().find("keys");
  if (keys == jwks->fields().end() || !keys->second.has_list_value()) {
    return absl::InvalidArgumentError("jwks: needs a \"keys\" array");
  }
  auto set = std::make_shared<KeySet>();
  for (const Value& entry : keys->second.list_value().values()) {
    const Struct& jwk = entry.struct_value();
    auto key = std::make_unique<Key>();
    key->kid = Text(jwk, "kid");
    ParamBuilder b;
    const std::string kty = Text(jwk, "kty");
    if (kty == "RSA") {
      std::string n, e;
      if (!Decode(Text(jwk, "n"), &n) || !Decode(Text(jwk, "e"), &e) ||
          !b.Number(OSSL_PKEY_PARAM_RSA_N, n) || !b.Number(OSSL_PKEY_PARAM_RSA_E, e)) {
        return absl::InvalidArgumentError(absl::StrCat("jwks: RSA key '", key->kid, "' is bad"));
      }
      key->alg = "RS256";
      key->pkey = FromParams("RSA", b);
    } else if (kty == "EC" && Text(jwk, "crv") == "P-256") {
      std::string x, y;
      if (!Decode(Text(jwk, "x"), &x) || !Decode(Text(jwk, "y"), &y) || x.size() != 32 ||
          y.size() != 32) {
        return absl::InvalidArgumentError(absl::StrCat("jwks: EC key '", key->kid, "' is bad"));
      }
      const std::string point = std::string(1, '\x04') + x + y;
      OSSL_PARAM_BLD_push_utf8_string(b.bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
      OSSL_PARAM_BLD_push_octet_string(b.bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
      key->alg = "ES256";
      key->pkey = FromParams("EC", b);
    } else {
      continue;  // other key types are not used for Assure tokens
    }
    if (key->pkey == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("jwks: key '", key->kid, "' is unusable"));
    }
    set->push_back(std::move(key));
  }
  if (set->empty()) return absl::InvalidArgumentError("jwks: no RSA or EC P-256 keys");
  return set;
}

absl::StatusOr<std::unique_ptr<JwtVerifier>> JwtVerifier::FromJwks(absl::string_view jwks_json,
                                                                   JwtRequirements requirements) {
  std::unique_ptr<JwtVerifier> v(new JwtVerifier(std::move(requirements)));
  if (auto st = v->ReplaceKeys(jwks_json); !st.ok()) return st;
  return v;
}

absl::Status JwtVerifier::ReplaceKeys(absl::string_view jwks_json) {
  auto keys = ParseKeys(jwks_json);
  if (!keys.ok()) return keys.status();
  absl::MutexLock lock(&mu_);
  keys_ = *std::move(keys);
  verified_.clear();
  return absl::OkStatus();
}

int JwtVerifier::key_count() const {
  absl::MutexLock lock(&mu_);
  return keys_ == nullptr ? 0 : static_cast<int>(keys_->size());
}

absl::StatusOr<Principal> JwtVerifier::Verify(absl::string_view token, absl::Time now) const {
  if (token.empty()) return Unauthenticated("no bearer token");
  const absl::Duration skew = requirements_.clock_skew;
  std::optional<Verified> known;
  std::shared_ptr<const KeySet> keys;
  {
    absl::MutexLock lock(&mu_);
    auto it = verified_.find(token);
    if (it != verified_.end()) known = it->second;
    keys = keys_;
  }
  if (!known) {
    auto verified = VerifySignatureAndClaims(*keys, token);
    if (!verified.ok()) return verified.status();
    known = *verified;
    absl::MutexLock lock(&mu_);
    if (verified_.size() >= kCacheLimit) verified_.clear();  // bounded; refills from use
    // Not remembered if the keys were replaced meanwhile: it may be a withdrawn key's.
    if (keys_ == keys) verified_.emplace(std::string(token), *known);
  }
  if (now > known->expires + skew) return Unauthenticated("expired");
  if (now + skew < known->not_before) return Unauthenticated("not yet valid");
  return known->principal;
}

absl::StatusOr<JwtVerifier::Verified> JwtVerifier::VerifySignatureAndClaims(
    const KeySet& keys, absl::string_view token) const {
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3) return Unauthenticated("not a JWT");
  std::string header_json, payload_json, signature;
  if (!Decode(parts[0], &header_json) || !Decode(parts[1], &payload_json) ||
      !Decode(parts[2], &signature)) {
    return Unauthenticated("not base64url");
  }
  auto header = ParseJson(header_json);
  auto claims = ParseJson(payload_json);
  if (!header.ok() || !claims.ok()) return Unauthenticated("malformed header or claims");
  const std::string alg = Text(*header, "alg");
  if (alg != "RS256" && alg != "ES256") return Unauthenticated("algorithm not accepted");
  const std::string kid = Text(*header, "kid");

  std::string signed_der = signature;
  if (alg == "ES256") {
    auto der = auth::RawToDerSignature(signature);
    if (!der) return Unauthenticated("bad signature");
    signed_der = *der;
  }
  const std::string signed_part = absl::StrCat(parts[0], ".", parts[1]);
  bool verified = false;
  for (const auto& key : keys) {
    if (key->alg != alg || (!kid.empty() && !key->kid.empty() && key->kid != kid)) continue;
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    verified = EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key->pkey) == 1 &&
               EVP_DigestVerify(md, reinterpret_cast<const unsigned char*>(signed_der.data()),
                                signed_der.size(),
                                reinterpret_cast<const unsigned char*>(signed_part.data()),
                                signed_part.size()) == 1;
    EVP_MD_CTX_free(md);
    if (verified) break;
  }
  if (!verified) return Unauthenticated("signature does not verify with any known key");

  const auto& f = claims->fields();
  Verified v;
  auto exp = f.find("exp");
  if (exp == f.end() || !exp->second.has_number_value()) return Unauthenticated("no exp");
  auto expires = UnixTime(exp->second.number_value(), "exp");
  if (!expires.ok()) return expires.status();
  v.expires = *expires;
  v.not_before = absl::InfinitePast();
  if (auto nbf = f.find("nbf"); nbf != f.end() && nbf->second.has_number_value()) {
    auto not_before = UnixTime(nbf->second.number_value(), "nbf");
    if (!not_before.ok()) return not_before.status();
    v.not_before = *not_before;
  }
  if (Text(*claims, "iss") != requirements_.issuer) return Unauthenticated("wrong issuer");
  bool audience_ok = Text(*claims, "aud") == requirements_.audience;
  if (auto aud = f.find("aud"); aud != f.end() && aud->second.has_list_value()) {
    for (const Value& a : aud->second.list_value().values()) {
      audience_ok |= a.string_value() == requirements_.audience;
    }
  }
  if (!audience_ok) return Unauthenticated("wrong audience");

  Principal p;
  p.subject = Text(*claims, "sub");
  p.tenant = Text(*claims, "tenant");
  p.partner = Text(*claims, "partner");
  if (auto roles = f.find("roles"); roles != f.end() && roles->second.has_list_value()) {
    for (const Value& r : roles->second.list_value().values()) {
      if (r.has_string_value()) p.roles.push_back(r.string_value());
    }
  }
  if (p.subject.empty() || p.tenant.empty()) return Unauthenticated("sub and tenant are required");
  if (auto st = ValidatePrincipal(p); !st.ok()) return Unauthenticated(st.message());
  v.principal = std::move(p);
  return v;
}

absl::string_view BearerToken(absl::string_view authorization) {
  constexpr absl::string_view kPrefix = "Bearer ";
  if (authorization.size() <= kPrefix.size() ||
      !absl::EqualsIgnoreCase(authorization.substr(0, kPrefix.size()), kPrefix)) {
    return "";
  }
  return authorization.substr(kPrefix.size());
}

std::pair<std::string, std::string> VerifiedCaller(const JwtVerifier& verifier,
                                                   const Metadata& metadata, absl::Time now) {
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return {};
  auto who = verifier.Verify(BearerToken({it->second.data(), it->second.size()}), now);
  if (!who.ok()) return {};
  return {who->subject, who->tenant};
}

}  // namespace assure::gateway
