#!/usr/bin/env bash
# Installs what is missing, builds, runs every test through ctest. With CI set: warnings are
# errors, the whole suite runs again under AddressSanitizer + UndefinedBehaviorSanitizer, every
# fuzz target runs for a short while (scripts/fuzz.sh), the fast tests run again at other dates
# (scripts/test-dates.sh), and the time of each phase is printed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

phases=()
phase_start=$SECONDS
# phase NAME: records how long the phase that just ended took.
phase() {
  phases+=("$(printf '%-28s %5d s' "$1" $((SECONDS - phase_start)))")
  phase_start=$SECONDS
}
report() {
  echo "test.sh: time per phase" >&2
  printf '  %s\n' "${phases[@]}" "$(printf '%-28s %5d s' total "$SECONDS")" >&2
}
trap report EXIT

bash scripts/deps.sh
phase deps

werror=OFF
[ -n "${CI:-}" ] && werror=ON
jobs=$(nproc)

# Unity builds (one translation unit per folder, cmake/InteropUnity.cmake) in both trees: a cold
# build in a fraction of the time. The release tree's options are build.sh --release's.
fast_build=(-DINTEROP_UNITY=ON)
bash scripts/build.sh --release build -DINTEROP_WERROR=$werror
phase "build (release)"
ctest --test-dir build --output-on-failure -j "$jobs"
phase "ctest (release)"

if [ -n "${CI:-}" ]; then
  # The fast tests: the core units, the command line, and hubd as a process with its test clock
  # across a kill -9 (notify). The whole suite at every date is a step before a release.
  bash scripts/test-dates.sh build -L "core|cli|notify"
  phase "ctest at other dates"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # One clang tree for both: AddressSanitizer + UndefinedBehaviorSanitizer (LeakSanitizer on)
  # under the whole suite, and coverage instrumentation for the libFuzzer targets it also holds,
  # each then fuzzed for $FUZZ_SECONDS (10 s by default; the long runs are docs/SECURITY.md's).
  # The benchmarks are the release tree's alone. -O0 but for the code the tests spend their time
  # in (INTEROP_HOT_FLAGS: the library, hubd's core, the generator): half the compile time of
  # -O1 throughout, for a suite that runs 1.6 times faster than at -O0 throughout.
  CXX=clang++ bash scripts/build.sh build-san "${fast_build[@]}" -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g1 -O0" -DINTEROP_HOT_FLAGS=-O1 -DINTEROP_WERROR=ON \
    -DINTEROP_SANITIZE=ON -DINTEROP_FUZZ=ON -DINTEROP_BUILD_BENCH=OFF
  phase "build (sanitizers)"
  ctest --test-dir build-san --output-on-failure -j "$jobs"
  phase "ctest (sanitizers)"
  FUZZ_BUILD=build-san bash scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
  phase fuzz
fi
