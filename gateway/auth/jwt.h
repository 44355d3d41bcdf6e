// Bearer-token verification: JWTs signed RS256 or ES256 with keys from a JWKS file. Checks
// the signature, exp/nbf with a small clock skew, iss and aud, and reads the principal from
// the claims sub, roles (array of strings), tenant and, for partner organisations, partner.
//
//   ASSURE_ASSIGN_OR_RETURN(auto verifier, JwtVerifier::FromJwks(jwks_json, {issuer, audience}));
//   absl::StatusOr<Principal> who = verifier->Verify(token, clock.Now());
//   verifier->ReplaceKeys(rotated_jwks);  // key rotation, while calls are verified
#ifndef ASSURE_GATEWAY_AUTH_JWT_H_
#define ASSURE_GATEWAY_AUTH_JWT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/principal.h"
#include "services/common/rpc_metrics.h"

namespace assure::gateway {

struct JwtRequirements {
  std::string issuer;
  std::string audience;
  absl::Duration clock_skew = absl::Seconds(60);
};

class JwtVerifier {
 public:
  // Reads {"keys":[...]} with RSA (n, e) and EC P-256 (crv, x, y) keys; each may have a kid.
  static absl::StatusOr<std::unique_ptr<JwtVerifier>> FromJwks(absl::string_view jwks_json,
                                                               JwtRequirements requirements);
  ~JwtVerifier();

  // Verifies with these keys from now on, and forgets every token verified with the old
  // ones, so a key withdrawn from the set stops working at once. INVALID_ARGUMENT, and the
  // keys unchanged, if `jwks_json` holds no usable key.
  absl::Status ReplaceKeys(absl::string_view jwks_json);
  int key_count() const;

  // UNAUTHENTICATED, saying what is wrong (never echoing the token), unless the token is
  // well formed, signed by a known key, current, and for this issuer and audience.
  // A token that verified once is remembered until it expires, so a client reusing its
  // token (as clients do) costs one signature check, not one per call.
  absl::StatusOr<Principal> Verify(absl::string_view token, absl::Time now) const;

 private:
  struct Key;
  using KeySet = std::vector<std::unique_ptr<Key>>;
  struct Verified {
    Principal principal;
    absl::Time not_before;
    absl::Time expires;
  };
  static constexpr size_t kCacheLimit = 10000;

  explicit JwtVerifier(JwtRequirements requirements);
  static absl::StatusOr<std::shared_ptr<const KeySet>> ParseKeys(absl::string_view jwks_json);
  absl::StatusOr<Verified> VerifySignatureAndClaims(const KeySet& keys,
                                                    absl::string_view token) const;

  JwtRequirements requirements_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const KeySet> keys_ ABSL_GUARDED_BY(mu_);
  mutable absl::flat_hash_map<std::string, Verified> verified_ ABSL_GUARDED_BY(mu_);
};

// "Bearer <token>" -> token; "" if the header is not a bearer credential.
absl::string_view BearerToken(absl::string_view authorization);

// The access log's (subject, tenant) of a call at the gateway: from its bearer token when it
// verifies, never from principal headers the caller sent; empty strings otherwise.
std::pair<std::string, std::string> VerifiedCaller(const JwtVerifier& verifier,
                                                   const Metadata& metadata, absl::Time now);

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_AUTH_JWT_H_
