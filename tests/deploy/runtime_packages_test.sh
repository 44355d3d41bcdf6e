#!/usr/bin/env bash
# docker/Dockerfile's runtime stage must hold every shared library the executables load: no
# Docker engine runs here, so this takes every library `ldd` reports for the built
# executables, finds its Debian package with `dpkg -S`, and fails naming any package the
# runtime stage does not install.
#   tests/deploy/runtime_packages_test.sh BIN_DIR
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:?usage: runtime_packages_test.sh BIN_DIR}
listed=$(sed -n '/runtime-packages-begin/,/runtime-packages-end/p' "$repo/docker/Dockerfile" |
  sed -n 's/^[[:space:]]*\([a-z0-9][a-z0-9.+-]*\)[[:space:]]*\\$/\1/p' | sort -u)

package_of() {  # a file's package; Debian 12 may list it under /lib or /usr/lib (usrmerge)
  local real
  real=$(readlink -f "$1")
  for path in "$real" "$1" "${real#/usr}" "/usr$real"; do
    if out=$(dpkg -S "$path" 2>/dev/null); then
      echo "${out%%:*}" | head -1
      return
    fi
  done
  echo "UNKNOWN($1)"
}

missing=()
declare -A package_cache  # dpkg -S is slow, and the executables share most libraries
# The executables the image ships: every assure-* but the local launcher.
exes=$(cd "$bin" && ls assure-* | grep -v '^assure-launch$')
[[ -n "$exes" ]] || { echo "no executables in $bin: build first"; exit 1; }
for exe in $exes; do
  for lib in $(ldd "$bin/$exe" | awk '/=> \// {print $3} /^[ \t]*\/lib/ {print $1}'); do
    [[ -n "${package_cache[$lib]:-}" ]] || package_cache[$lib]=$(package_of "$lib")
    pkg=${package_cache[$lib]}
    pkg=${pkg%%,*}
    grep -qxF "$pkg" <<<"$listed" || missing+=("$pkg (for $lib, needed by $exe)")
  done
done
if ((${#missing[@]})); then
  printf 'docker/Dockerfile runtime stage lacks: %s\n' "${missing[@]}" | sort -u
  exit 1
fi
echo "runtime stage installs every package the executables load ($(wc -l <<<"$listed") listed)"
