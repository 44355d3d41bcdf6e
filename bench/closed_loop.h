// Closed-loop pair load, shared by the load tools: `concurrency` chains each run a pair of
// calls (a create, then a get of what it created) and start the next as soon as one ends.
// Measures the pairs that end in the `duration` after `warmup`, and prints the one line
// bench/run.sh reads.
//
//   auto result = RunClosedLoop(16, 1, 8, [&](long id, Done done) { ...async calls...; done(ok); });
//   PrintPairs(16, result);
#ifndef ASSURE_BENCH_CLOSED_LOOP_H_
#define ASSURE_BENCH_CLOSED_LOOP_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "bench/percentile.h"

namespace assure::bench {

// Called once the pair's last call ends.
using Done = std::function<void(bool ok)>;
// Starts pair number `id` (unique in the run); must call `done` exactly once.
using Pair = std::function<void(long id, Done done)>;

struct LoopResult {
  double seconds = 0;
  std::vector<int64_t> latencies_us;  // sorted
  long errors = 0;
};

inline LoopResult RunClosedLoop(int concurrency, double warmup, double duration,
                                const Pair& pair) {
  using Clock = std::chrono::steady_clock;
  struct State {
    std::atomic<long> next_id{0};
    std::atomic<bool> measuring{false};
    std::atomic<bool> stopping{false};
    std::atomic<long> errors{0};
    std::atomic<int> active{0};
    std::mutex mu;
    std::vector<int64_t> latencies_us;
    absl::Notification all_done;
  };
  auto state = std::make_shared<State>();
  state->active = concurrency;
  // One chain: start a pair; when it ends, record it and start the next.
  std::function<void()> chain = [state, &pair, &chain] {
    if (state->stopping) {
      if (--state->active == 0) state->all_done.Notify();
      return;
    }
    const auto start = Clock::now();
    pair(state->next_id++, [state, start, &chain](bool ok) {
      if (!ok) {
        ++state->errors;
      } else if (state->measuring) {
        const auto us =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
        std::lock_guard<std::mutex> lock(state->mu);
        state->latencies_us.push_back(us);
      }
      chain();
    });
  };
  for (int i = 0; i < concurrency; ++i) chain();
  std::this_thread::sleep_for(std::chrono::duration<double>(warmup));
  state->measuring = true;
  const auto begin = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(duration));
  state->measuring = false;
  LoopResult out;
  out.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  state->stopping = true;
  state->all_done.WaitForNotification();
  {
    std::lock_guard<std::mutex> lock(state->mu);
    out.latencies_us = state->latencies_us;
  }
  std::sort(out.latencies_us.begin(), out.latencies_us.end());
  out.errors = state->errors;
  return out;
}

inline void PrintPairs(int concurrency, const LoopResult& r) {
  const auto& lat = r.latencies_us;
  std::printf(
      "concurrency=%d pairs_per_s=%.0f rpc_per_s=%.0f p50_us=%ld p90_us=%ld p99_us=%ld "
      "p999_us=%ld errors=%ld\n",
      concurrency, lat.size() / r.seconds, 2 * lat.size() / r.seconds,
      (long)Percentile(lat, 0.50), (long)Percentile(lat, 0.90), (long)Percentile(lat, 0.99),
      (long)Percentile(lat, 0.999), r.errors);
}

}  // namespace assure::bench

#endif  // ASSURE_BENCH_CLOSED_LOOP_H_
