#!/usr/bin/env bash
# fuzz.sh [SECONDS] [TARGET…]: runs each libFuzzer target (every one, or those named) for
# SECONDS (default 60), two at a time on two cores ($FUZZ_JOBS), seeded from
# tests/fuzz/seeds.txt (the project's fixtures, and the samples when $INTEROP_SAMPLES or
# ../shared/samples is there) and tests/fuzz/regressions/. Fails on any crash, leak, timeout
# (10 s per input) or memory past 2 GiB; what was found is left in $FUZZ_BUILD/fuzz/.
#
# The targets are built with clang, AddressSanitizer and UndefinedBehaviorSanitizer in
# $FUZZ_BUILD (default build-fuzz; CI gives its sanitizer tree, where they are built already).
# A summary per target goes to $FUZZ_BUILD/fuzz/summary.tsv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-60}
shift || true
build=${FUZZ_BUILD:-build-fuzz}
jobs=${FUZZ_JOBS:-$(nproc)}
samples=${INTEROP_SAMPLES:-$root/../shared/samples}
bash scripts/deps.sh

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(grep -v '^#' tests/fuzz/seeds.txt | awk 'NF { print $1 }')
fi
if [ ! -f "$build/build.ninja" ]; then
  CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" \
    -DINTEROP_SANITIZE=ON -DINTEROP_FUZZ=ON -DINTEROP_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target fuzz_all

out=$build/fuzz
mkdir -p "$out"

# seeds NAME: the target's seed folder, filled from its line in seeds.txt and its regressions.
seeds() {
  local name=$1 dir=$out/seeds-$1 pattern file
  rm -rf "$dir" && mkdir -p "$dir"
  for pattern in $(awk -v t="$name" '$1 == t { $1 = ""; print }' tests/fuzz/seeds.txt); do
    case $pattern in
      samples/*) [ -d "$samples" ] || continue; pattern=$samples/${pattern#samples/} ;;
    esac
    for file in $pattern; do
      [ -f "$file" ] && cp "$file" "$dir/$(echo "$file" | tr '/ ' '__')"
    done
  done
  if [ -d "tests/fuzz/regressions/$name" ]; then cp "tests/fuzz/regressions/$name"/* "$dir/"; fi
  echo "$dir"
}

# run NAME: one target for $seconds; its log in $out/NAME.log, its status in $out/NAME.status.
run() {
  local name=$1 corpus=$out/corpus-$1 seed_dir
  seed_dir=$(seeds "$name")
  mkdir -p "$corpus"
  if INTEROP_FUZZ_TARGET=$name "$build/tests/fuzz/fuzz_all" "$corpus" "$seed_dir" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -artifact_prefix="$out/crash-$name-" -print_final_stats=1 >"$out/$name.log" 2>&1; then
    echo ok >"$out/$name.status"
  else
    echo FAILED >"$out/$name.status"
  fi
}

running=0
for name in "${targets[@]}"; do
  echo "fuzz_$name: ${seconds}s" >&2
  run "$name" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

# final_stat KEY: what libFuzzer printed last for KEY in $name's log.
final_stat() { grep "stat::$1:" "$out/$name.log" | tail -1 | awk '{print $2}'; }

status=0
printf 'target\tstatus\texecutions\texec_per_s\tcorpus\tpeak_rss_mb\tseconds\n' >"$out/summary.tsv"
for name in "${targets[@]}"; do
  result=$(cat "$out/$name.status")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$result" "$(final_stat number_of_executed_units)" "$(final_stat average_exec_per_sec)" \
    "$(find "$out/corpus-$name" -type f | wc -l)" "$(final_stat peak_rss_mb)" "$seconds" >>"$out/summary.tsv"
  if [ "$result" != ok ]; then
    status=1
    echo "fuzz_$name: FAILED; the input is $out/crash-$name-* (once fixed, keep it in tests/fuzz/regressions/$name/), the log $out/$name.log:" >&2
    # A log without these words (a target that did not start) must not end the summary here.
    { grep -E "ERROR|SUMMARY|Test unit written" "$out/$name.log" || tail -3 "$out/$name.log"; } | head -5 >&2
  fi
done
cat "$out/summary.tsv" >&2
exit $status
