#include "gateway/gatekeeper.h"

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace assure::gateway {

Gatekeeper::Gatekeeper(const JwtVerifier& verifier, RateLimiter& limiter, const Clock& clock,
                       prometheus::Registry& registry)
    : verifier_(verifier),
      limiter_(limiter),
      clock_(clock),
      rejected_(prometheus::BuildCounter()
                    .Name("assure_gateway_rejected_total")
                    .Help("Requests refused at the gateway before reaching a backend, by reason.")
                    .Register(registry)),
      unauthenticated_(rejected_.Add({{"reason", "unauthenticated"}})),
      rate_limited_(rejected_.Add({{"reason", "rate_limited"}})),
      too_large_(rejected_.Add({{"reason", "too_large"}})) {}

absl::StatusOr<Principal> Gatekeeper::Admit(absl::string_view authorization_header,
                                             absl::string_view purpose_header) {
  auto who = verifier_.Verify(BearerToken(authorization_header), clock_.Now());
  if (!who.ok()) {
    unauthenticated_.Increment();
    return who.status();
  }
  absl::Duration wait;
  if (!limiter_.Allow(absl::StrCat(who->tenant, "/", who->subject), clock_.Now(), &wait)) {
    rate_limited_.Increment();
    return RateLimited(wait);
  }
  if (auto st = ValidatePurpose(purpose_header); !st.ok()) return st;
  who->purpose = std::string(purpose_header);
  return who;
}

void Gatekeeper::CountTooLarge() { too_large_.Increment(); }

}  // namespace assure::gateway
