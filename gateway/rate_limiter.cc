#include "gateway/rate_limiter.h"

#include <algorithm>

namespace assure::gateway {

bool RateLimiter::Allow(const std::string& key, absl::Time now, absl::Duration* wait) {
  if (rate_ <= 0) return true;  // limiting switched off
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!inserted) {
    const double refill = absl::ToDoubleSeconds(now - b.last) * rate_;
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, refill));
    b.last = std::max(b.last, now);
  }
  if (b.tokens < 1) {
    if (wait != nullptr) *wait = absl::Seconds((1 - b.tokens) / rate_);
    return false;
  }
  b.tokens -= 1;
  return true;
}

}  // namespace assure::gateway
