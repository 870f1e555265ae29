#!/usr/bin/env bash
# Installs what is missing, builds, runs every test through ctest. With CI set: warnings are
# errors, and the whole suite runs again under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/deps.sh

werror=OFF
[ -n "${CI:-}" ] && werror=ON
jobs=$(nproc)

bash scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINTEROP_WERROR=$werror
ctest --test-dir build --output-on-failure -j "$jobs"

if [ -n "${CI:-}" ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  bash scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DINTEROP_WERROR=ON -DINTEROP_SANITIZE=ON
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
fi
