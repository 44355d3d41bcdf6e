// Makes signed JWTs and the JWKS that verifies them: for local running (the launcher mints a
// development key pair and a token per role), benchmarks and tests. In the platform, not the
// gateway, so those components link no gateway code. Never used to accept anything.
#ifndef ASSURE_SERVICES_COMMON_AUTH_JWT_SIGNER_H_
#define ASSURE_SERVICES_COMMON_AUTH_JWT_SIGNER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace assure::auth {

struct Claims {
  std::string issuer;
  std::string audience;
  std::string subject;
  std::vector<std::string> roles;
  std::string tenant;
  std::string partner;
  absl::Time not_before = absl::InfinitePast();
  absl::Time expires = absl::InfiniteFuture();
};

class JwtSigner {
 public:
  enum class Algorithm { kRs256, kEs256 };
  static absl::StatusOr<std::unique_ptr<JwtSigner>> Generate(Algorithm algorithm,
                                                             std::string kid);
  ~JwtSigner();

  // {"keys":[ the public key ]}
  std::string Jwks() const;
  // The public key as one JWK object, to combine several signers into one JWKS.
  std::string Jwk() const;
  absl::StatusOr<std::string> Sign(const Claims& claims) const;
  // Signs a claims object given as JSON text: for tests of claims no honest issuer writes.
  absl::StatusOr<std::string> SignPayload(const std::string& claims_json) const;

 private:
  struct Impl;
  explicit JwtSigner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace assure::auth

#endif  // ASSURE_SERVICES_COMMON_AUTH_JWT_SIGNER_H_
