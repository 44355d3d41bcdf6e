#!/usr/bin/env bash
# Closed-loop create-then-get load on the reviews service at 1, 16 and 64 pairs in flight:
# directly, through the gateway over gRPC, and through the gateway as HTTP/JSON, beside the
# ceilings of ../shared/baseline measured in the same run on the same machine (raw gRPC echo;
# SQLite's durable commit rate). The suite runs as the launcher starts it: access logs on,
# SQLite in WAL with synchronous=FULL, bearer tokens verified at the gateway.
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
# One principal drives all the load: the per-principal rate limit is off for the benchmark.
ASSURE_RATE_LIMIT_PER_SECOND=0 "$bin/assure-launch" --data_dir="$D/data" \
  --base_grpc_port=51000 --base_metrics_port=51100 >"$D/launch.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q "assure: ready" "$D/launch.log" && break; sleep 0.2; done
grep -q "assure: ready" "$D/launch.log" || { cat "$D/launch.log"; exit 1; }
. "$D/data/dev-tokens.env"
direct=127.0.0.1:51001 gateway=127.0.0.1:52443 http_port=52080

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, ${T}s a point, client and server unpinned"
printf "%-9s %9s | %9s %7s %7s | %9s %6s %7s %7s | %9s %6s %7s\n" in_flight echo_rps \
  direct p50_us p99_us gw_grpc x_dir p50_us p50_x json x_dir p50_us
for c in 1 16 64; do
  echo_rps=$(field rps "$("$B/load" --concurrency=$c --duration="$T" --warmup=1)")
  d=$("$bin/reviews_load" --target=$direct --concurrency=$c --duration="$T" --warmup=1)
  g=$("$bin/reviews_load" --target=$gateway --token="$TOKEN_CASE_SYSTEM" --concurrency=$c \
      --duration="$T" --warmup=1)
  j=$("$bin/http_load" --port=$http_port --token="$TOKEN_CASE_SYSTEM" --concurrency=$c \
      --duration="$T" --warmup=1)
  printf "%-9s %9.0f | %9s %7s %7s | %9s %6s %7s %7s | %9s %6s %7s\n" "$c" "$echo_rps" \
    "$(field pairs_per_s "$d")" "$(field p50_us "$d")" "$(field p99_us "$d")" \
    "$(field pairs_per_s "$g")" "$(ratio "$(field pairs_per_s "$g")" "$(field pairs_per_s "$d")")" \
    "$(field p50_us "$g")" "$(ratio "$(field p50_us "$g")" "$(field p50_us "$d")")" \
    "$(field pairs_per_s "$j")" "$(ratio "$(field pairs_per_s "$j")" "$(field pairs_per_s "$d")")" \
    "$(field p50_us "$j")"
done
echo "# direct, gw_grpc and json are create+get pairs a second (two calls each); x_dir is the"
echo "# ratio to direct; direct calls a second / echo_rps is the service's share of the ceiling."
echo "# SQLite durable-commit ceiling (shared/baseline/sqlite_commit):"
"$B/sqlite_commit" "$D"
