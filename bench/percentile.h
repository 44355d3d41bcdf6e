// The p-th latency of a sorted sample (0 when empty), as every load tool reports it.
#ifndef ASSURE_BENCH_PERCENTILE_H_
#define ASSURE_BENCH_PERCENTILE_H_

#include <algorithm>
#include <cstdint>
#include <vector>

namespace assure::bench {

inline int64_t Percentile(const std::vector<int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  return sorted[std::min(sorted.size() - 1, static_cast<size_t>(p * sorted.size()))];
}

}  // namespace assure::bench

#endif  // ASSURE_BENCH_PERCENTILE_H_
