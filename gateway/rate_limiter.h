// A token bucket per principal: each caller may make `rate` calls a second on average and
// `burst` at once. Over that, RESOURCE_EXHAUSTED (429 over HTTP).
#ifndef ASSURE_GATEWAY_RATE_LIMITER_H_
#define ASSURE_GATEWAY_RATE_LIMITER_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace assure::gateway {

class RateLimiter {
 public:
  RateLimiter(double rate_per_second, double burst) : rate_(rate_per_second), burst_(burst) {}
  // True if `key` may make a call at `now` (and takes a token); if not, `*wait` is how long
  // until it may.
  bool Allow(const std::string& key, absl::Time now, absl::Duration* wait = nullptr);

 private:
  struct Bucket {
    double tokens;
    absl::Time last;
  };
  const double rate_;
  const double burst_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_RATE_LIMITER_H_
