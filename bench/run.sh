#!/usr/bin/env bash
# Closed-loop create-then-get load on the reviews service at 1, 16 and 64 pairs in flight:
# directly, through the gateway over gRPC, and through the gateway as HTTP/JSON, beside the
# ceilings of ../shared/baseline measured in the same run on the same machine (raw gRPC echo;
# SQLite's durable commit rate). The suite runs as the launcher starts it: access logs on,
# SQLite in WAL with synchronous=FULL, bearer tokens verified at the gateway. Then the direct
# load again with the suite on PostgreSQL (launcher --postgresql).
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
chmod 755 "$D"  # PostgreSQL's own user (assure-pg when run as root) must reach its folder
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$D"' EXIT

"$B/echo_server" 127.0.0.1:50051 >"$D/echo.log" 2>&1 & pids+=($!)
# launch DATA_DIR [launcher flags...]: the suite as the launcher starts it; its pid in $suite.
launch() {
  local data=$1
  shift
  # One principal drives all the load: the per-principal rate limit is off for the benchmark.
  ASSURE_RATE_LIMIT_PER_SECOND=0 "$bin/assure-launch" --data_dir="$data" \
    --base_grpc_port=51000 --base_metrics_port=51100 "$@" >"$data.log" 2>&1 &
  suite=$!
  pids+=($suite)
  for _ in $(seq 150); do grep -q "assure: ready" "$data.log" && break; sleep 0.2; done
  grep -q "assure: ready" "$data.log" || { cat "$data.log"; exit 1; }
}
launch "$D/data"
. "$D/data/dev-tokens.env"
direct=127.0.0.1:51001 gateway=127.0.0.1:52443 http_port=52080

declare -A sqlite
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, ${T}s a point, client and server unpinned"
printf "%-9s %9s | %9s %7s %7s | %9s %6s %7s %7s | %9s %6s %7s\n" in_flight echo_rps \
  direct p50_us p99_us gw_grpc x_dir p50_us p50_x json x_dir p50_us
declare -A echo
for c in 1 16 64; do
  echo_rps=$(field rps "$("$B/load" --concurrency=$c --duration="$T" --warmup=1)")
  echo[$c]=$echo_rps
  d=$("$bin/reviews_load" --target=$direct --concurrency=$c --duration="$T" --warmup=1)
  sqlite[$c]=$d
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
# The worklist (bench/worklist_read): the first page of overdue meetings, meetings due soon
# and children with none scheduled, in turns, for an authority of 5,000 children and of 500,
# beside the echo ceiling and the create+get pairs of the same run. Each read answers once
# its access records are durable, as every read of a child's data does.
echo "# worklist reads a second (first pages, by turns), authority of 5,000 and of 500 children"
printf "%-9s %9s | %9s %7s %7s %7s %7s | %9s %7s\n" in_flight echo_rps reads_5k p50_us p99_us \
  x_echo x_pair reads_500 p50_us
wl() {
  "$bin/worklist_read" --target=$direct --children="$1" --tenant="W$1" --concurrency="$2" \
    --duration="$T" --seed="$3"
}
for c in 1 16; do
  seed=$([ "$c" = 1 ] && echo true || echo false)
  big=$(wl 5000 "$c" "$seed")
  small=$(wl 500 "$c" "$seed")
  printf "%-9s %9.0f | %9s %7s %7s %7s %7s | %9s %7s\n" "$c" "${echo[$c]}" \
    "$(field reads_per_s "$big")" "$(field p50_us "$big")" "$(field p99_us "$big")" \
    "$(ratio "$(field reads_per_s "$big")" "${echo[$c]}")" \
    "$(ratio "$(field reads_per_s "$big")" "$(field pairs_per_s "${sqlite[$c]}")")" \
    "$(field reads_per_s "$small")" "$(field p50_us "$small")"
done
echo "# x_pair: worklist reads over create+get pairs at the same in_flight (both wait for a"
echo "# durable commit); reads_500 beside reads_5k shows the read does not grow with the caseload."
# Audits (bench/audits_load): create+get of register cases beside the reviews pairs of the
# same run; and the month's sample drawn over a register of 100,000 cases (target: under a
# second), 50 auditors of 6.
echo "# audits create+get (one-case BatchUpsertCases, then GetCase) and allowances create+get"
echo "# (CreateAllowance, then GetAllowance), beside reviews, same run"
printf "%-9s %9s | %9s %7s %7s | %9s %7s %6s | %9s %7s %7s %6s\n" in_flight echo_rps reviews \
  p50_us p99_us audits p50_us x_rev allowances p50_us p99_us x_rev
for c in 16 64; do
  a=$("$bin/audits_load" --target=127.0.0.1:51003 --concurrency=$c --duration="$T" --warmup=1)
  l=$("$bin/allowances_load" --target=127.0.0.1:51004 --concurrency=$c --duration="$T" --warmup=1)
  r=${sqlite[$c]}
  printf "%-9s %9.0f | %9s %7s %7s | %9s %7s %6s | %9s %7s %7s %6s\n" "$c" "${echo[$c]}" \
    "$(field pairs_per_s "$r")" "$(field p50_us "$r")" "$(field p99_us "$r")" \
    "$(field pairs_per_s "$a")" "$(field p50_us "$a")" \
    "$(ratio "$(field pairs_per_s "$a")" "$(field pairs_per_s "$r")")" \
    "$(field pairs_per_s "$l")" "$(field p50_us "$l")" "$(field p99_us "$l")" \
    "$(ratio "$(field pairs_per_s "$l")" "$(field pairs_per_s "$r")")"
done
# Action plans (bench/actionplans_load): CreateAction then GetAction on one plan.
echo "# actionplans create+get (CreateAction, then GetAction), beside reviews, same run"
printf "%-9s %9s | %9s %7s %7s | %11s %7s %7s %6s\n" in_flight echo_rps reviews p50_us p99_us \
  actionplans p50_us p99_us x_rev
for c in 16 64; do
  ap=$("$bin/actionplans_load" --target=127.0.0.1:51005 --concurrency=$c --duration="$T" --warmup=1)
  r=${sqlite[$c]}
  printf "%-9s %9.0f | %9s %7s %7s | %11s %7s %7s %6s\n" "$c" "${echo[$c]}" \
    "$(field pairs_per_s "$r")" "$(field p50_us "$r")" "$(field p99_us "$r")" \
    "$(field pairs_per_s "$ap")" "$(field p50_us "$ap")" "$(field p99_us "$ap")" \
    "$(ratio "$(field pairs_per_s "$ap")" "$(field pairs_per_s "$r")")"
done
echo "# the month's sample over 100,000 cases (bench/audits_load --mode=selection)"
"$bin/audits_load" --target=127.0.0.1:51003 --mode=selection --register_size=100000 --draws=5
echo "# SQLite durable-commit ceiling (shared/baseline/sqlite_commit):"
commits=$("$B/sqlite_commit" "$D")
echo "$commits"
# The outbox relay draining a backlog into disputes (both on durable SQLite files), beside the
# single-row durable commit rate of the same run: the relay delivers many per commit.
ceiling=$(awk '/synchronous=FULL +rows\/commit=1 /{print $4; exit}' <<<"$commits")
o=$("$bin/outbox_drain" --messages=20000 --dir="$D/drain")
echo "# outbox backlog drain (bench/outbox_drain, target: 20000 in under 10 s)"
echo "$o  x_commit=$(ratio "$(field per_s "$o")" "$ceiling")"
# The event feed: changes publishing events at a fixed rate (open loop) through a sender's
# outbox to assure-events, and a client watching (bench/event_feed). Target: 5,000 events a
# second delivered with p99 under 100 ms from the change's write to the watcher.
echo "# event feed, outbox to watcher (bench/event_feed; target: 5000/s, p99 < 100 ms)"
for rate in 5000 6000; do
  f=$("$bin/event_feed" --rate=$rate --seconds="$T" --dir="$D/feed-$rate")
  echo "$f  x_commit=$(ratio "$(field per_s "$f")" "$ceiling")"
done

# The same service on PostgreSQL (a local cluster the launcher starts; durable commits,
# row-level security on), directly, beside the SQLite figures of the run above.
kill -TERM "$suite"; wait "$suite" 2>/dev/null || true
launch "$D/pgdata" --postgresql
echo "# direct create+get by store, same run"
printf "%-9s | %9s %7s %7s | %10s %7s %7s %6s\n" in_flight sqlite p50_us p99_us postgresql \
  p50_us p99_us x_lite
declare -A audits_pg allowances_pg actionplans_pg
for c in 16 64; do
  p=$("$bin/reviews_load" --target=$direct --concurrency=$c --duration="$T" --warmup=1)
  audits_pg[$c]=$("$bin/audits_load" --target=127.0.0.1:51003 --concurrency=$c --duration="$T" \
    --warmup=1)
  allowances_pg[$c]=$("$bin/allowances_load" --target=127.0.0.1:51004 --concurrency=$c \
    --duration="$T" --warmup=1)
  actionplans_pg[$c]=$("$bin/actionplans_load" --target=127.0.0.1:51005 --concurrency=$c \
    --duration="$T" --warmup=1)
  s=${sqlite[$c]}
  printf "%-9s | %9s %7s %7s | %10s %7s %7s %6s\n" "$c" \
    "$(field pairs_per_s "$s")" "$(field p50_us "$s")" "$(field p99_us "$s")" \
    "$(field pairs_per_s "$p")" "$(field p50_us "$p")" "$(field p99_us "$p")" \
    "$(ratio "$(field pairs_per_s "$p")" "$(field pairs_per_s "$s")")"
done
kill -TERM "$suite"; wait "$suite" 2>/dev/null || true
echo "# audits and allowances create+get on PostgreSQL, same run"
for c in 16 64; do
  a=${audits_pg[$c]}
  l=${allowances_pg[$c]}
  printf "%-9s | audits_pg %7s p50_us %7s p99_us %7s | allowances_pg %7s p50_us %7s p99_us %7s\n" \
    "$c" "$(field pairs_per_s "$a")" "$(field p50_us "$a")" "$(field p99_us "$a")" \
    "$(field pairs_per_s "$l")" "$(field p50_us "$l")" "$(field p99_us "$l")"
done
echo "# actionplans create+get on PostgreSQL, same run"
for c in 16 64; do
  ap=${actionplans_pg[$c]}
  printf "%-9s | actionplans_pg %7s p50_us %7s p99_us %7s\n" \
    "$c" "$(field pairs_per_s "$ap")" "$(field p50_us "$ap")" "$(field p99_us "$ap")"
done
