// The gateway's door check, the same for gRPC and HTTP callers: a verified bearer token
// gives the principal; then the caller's rate limit. Every refusal is counted by reason.
#ifndef ASSURE_GATEWAY_GATEKEEPER_H_
#define ASSURE_GATEWAY_GATEKEEPER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/auth/jwt.h"
#include "gateway/rate_limiter.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"
#include "services/common/clock.h"
#include "services/common/principal.h"

namespace assure::gateway {

class Gatekeeper {
 public:
  Gatekeeper(const JwtVerifier& verifier, RateLimiter& limiter, const Clock& clock,
             prometheus::Registry& registry);

  // UNAUTHENTICATED, RESOURCE_EXHAUSTED, or INVALID_ARGUMENT for a purpose that cannot be
  // carried; otherwise the caller's principal with the purpose they gave.
  absl::StatusOr<Principal> Admit(absl::string_view authorization_header,
                                  absl::string_view purpose_header);
  // A request refused for being larger than the limit.
  void CountTooLarge();

 private:
  const JwtVerifier& verifier_;
  RateLimiter& limiter_;
  const Clock& clock_;
  prometheus::Family<prometheus::Counter>& rejected_;
  prometheus::Counter& unauthenticated_;
  prometheus::Counter& rate_limited_;
  prometheus::Counter& too_large_;
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_GATEKEEPER_H_
