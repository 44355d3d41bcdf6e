// Bearer token verification on whatever a caller sends as a token, and as a token's claims
// signed by a trusted key (so the claim checks, not just the signature check, are reached).
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/time/clock.h"
#include "gateway/auth/jwt.h"
#include "services/common/auth/jwt_signer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* signer =
      assure::auth::JwtSigner::Generate(assure::auth::JwtSigner::Algorithm::kEs256, "k")->release();
  static const auto* verifier =
      assure::gateway::JwtVerifier::FromJwks(signer->Jwks(), {"iss", "assure"})->release();
  const std::string input(reinterpret_cast<const char*>(data), size);
  const absl::Time now = absl::FromUnixSeconds(1795600000);
  (void)verifier->Verify(input, now);
  if (auto token = signer->SignPayload(input); token.ok()) (void)verifier->Verify(*token, now);
  return 0;
}
