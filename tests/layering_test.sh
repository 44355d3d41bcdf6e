#!/usr/bin/env bash
# No component links another's code (ARCHITECTURE section 5): a service includes only its own
# folder, services/common and the protos; tools and benchmarks include no gateway or service
# code. What two components share lives in services/common or beside the protos.
set -u
cd "$(dirname "$0")/.."
fail=0
for dir in services/*/; do
  name=$(basename "$dir")
  [ "$name" = common ] && continue
  bad=$(grep -rhoE '#include "(services|gateway)/[a-z_]+/' "$dir" | sort -u |
        grep -v "\"services/$name/\|\"services/common/")
  if [ -n "$bad" ]; then echo "services/$name includes $bad"; fail=1; fi
done
bad=$(grep -rhoE '#include "(services/[a-z_]+|gateway)/' services/common | sort -u |
      grep -v '"services/common/')
if [ -n "$bad" ]; then echo "services/common includes $bad"; fail=1; fi
for dir in tools bench; do
  bad=$(grep -rhoE '#include "(services/[a-z_]+|gateway)/' "$dir" | sort -u | grep -v '"services/common/')
  if [ -n "$bad" ]; then echo "$dir includes $bad"; fail=1; fi
done
if [ "$fail" -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit "$fail"
