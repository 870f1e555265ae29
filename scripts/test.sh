#!/usr/bin/env bash
# Installs what is missing, builds, runs every test through ctest. With CI set: warnings are
# errors, the whole suite runs again under AddressSanitizer + UndefinedBehaviorSanitizer, and
# every fuzz target runs for a short while (scripts/fuzz.sh).
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
  # One clang tree for both: AddressSanitizer + UndefinedBehaviorSanitizer (LeakSanitizer on)
  # under the whole suite, and coverage instrumentation for the libFuzzer targets it also holds,
  # each then fuzzed for $FUZZ_SECONDS (30 s by default).
  CXX=clang++ bash scripts/build.sh build-san -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" -DINTEROP_WERROR=ON \
    -DINTEROP_SANITIZE=ON -DINTEROP_FUZZ=ON
  ctest --test-dir build-san --output-on-failure -j "$jobs"
  FUZZ_BUILD=build-san bash scripts/fuzz.sh "${FUZZ_SECONDS:-30}"
fi
