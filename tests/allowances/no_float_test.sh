#!/usr/bin/env bash
# No float anywhere near money (issue 15): the allowances service and its API hold every
# amount in integer pence, so neither declares a floating-point type, even in a comment's
# code. Fails naming each line that does.
set -u
cd "$(dirname "$0")/../.."
found=$(grep -rnwE 'float|double|long double' services/allowances protos/assure/allowances \
          --include='*.h' --include='*.cc' --include='*.proto' | grep -v '// .*no float' || true)
if [ -n "$found" ]; then
  echo "floating point near money:"
  echo "$found"
  exit 1
fi
echo "services/allowances and protos/assure/allowances hold no floating-point type"
