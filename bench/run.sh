#!/usr/bin/env bash
# Measures assure-reviews under closed-loop create+get load at 1, 16 and 64 pairs in flight,
# beside the ceilings of ../shared/baseline measured in the same run on the same machine:
# raw gRPC echo (callback API) and SQLite's durable commit rate.
#   bench/run.sh [seconds-per-point]
# Needs a release build (cmake --preset release && cmake --build --preset release).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
T=${1:-8}
bin=${ASSURE_BIN:-$repo/build/release/bin}
baseline=${ASSURE_BASELINE:-$repo/../shared/baseline}
B=${BASELINE_BUILD:-/tmp/baseline-build}

cmake -S "$baseline" -B "$B" -G Ninja >/dev/null
cmake --build "$B" >/dev/null
D=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$D"' EXIT

"$B/echo_server" 127.0.0.1:50051 >"$D/echo.log" 2>&1 & pids+=($!)
# The service as deployed: access log on (to a file), SQLite in WAL with synchronous=FULL.
"$bin/assure-reviews" --store="$D/reviews.db" --grpc_address=127.0.0.1:50061 \
  --metrics_address=127.0.0.1:50062 2>"$D/reviews.log" & pids+=($!)
sleep 1

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, ${T}s a point, client and server unpinned"
printf "%-11s %12s %12s %8s %8s %8s %10s\n" in_flight echo_rps reviews_rpc ratio pairs_s p50_us p99_us
for c in 1 16 64; do
  echo_rps=$("$B/load" --concurrency=$c --duration="$T" --warmup=1 | sed -n 's/.*rps=\([0-9.]*\).*/\1/p')
  line=$("$bin/reviews_load" --target=127.0.0.1:50061 --concurrency=$c --duration="$T" --warmup=1)
  pairs=$(sed -n 's/.*pairs_per_s=\([0-9]*\).*/\1/p' <<<"$line")
  rpc=$(sed -n 's/.*rpc_per_s=\([0-9]*\).*/\1/p' <<<"$line")
  p50=$(sed -n 's/.*p50_us=\([0-9]*\).*/\1/p' <<<"$line")
  p99=$(sed -n 's/.*p99_us=\([0-9]*\).*/\1/p' <<<"$line")
  ratio=$(awk -v a="$rpc" -v b="$echo_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  printf "%-11s %12.0f %12s %8s %8s %8s %10s\n" "$c" "$echo_rps" "$rpc" "$ratio" "$pairs" "$p50" "$p99"
done
echo "# SQLite durable-commit ceiling (shared/baseline/sqlite_commit):"
"$B/sqlite_commit" "$D"
