#!/usr/bin/env bash
# scripts/check-api-breaking catches what would break a partner's client: a copy of the
# protos with a field removed, and another with a field renumbered, each fail the check and
# name the field; the protos as they are pass.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=assure/reviews/v1/resources.proto
line='  string display_name = 2;'
grep -qxF "$line" "$repo/protos/$file" || { echo "fixture line not found in $file" >&2; exit 1; }

expect_break() {  # name sed-expression expected-text
  rm -rf "$work/protos" && cp -r "$repo/protos" "$work/protos"
  sed -i "$2" "$work/protos/$file"
  if out=$("$repo/scripts/check-api-breaking" "$work/protos" 2>&1); then
    echo "FAIL: $1 passed the check" >&2; exit 1
  fi
  grep -q "$3" <<<"$out" || { echo "FAIL: $1: no mention of $3 in: $out" >&2; exit 1; }
  echo "ok: $1 fails the check"
}
expect_break "a removed field" "/^$line\$/d" 'display_name'
expect_break "a renumbered field" "s/^$line\$/  string display_name = 99;/" 'display_name'
"$repo/scripts/check-api-breaking" >/dev/null
echo "ok: the protos as they are pass"
