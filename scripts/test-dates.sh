#!/usr/bin/env bash
# test-dates.sh BUILD [ctest options…]: runs ctest in BUILD (built already) once at each of the
# dates the suite must pass at, under faketime: the first day of a school year, a Monday after
# the Christmas holidays, the summer holidays, a leap day, and years ahead. The whole clock is
# moved by an offset (not set to a fixed instant), so that every process of a test, hubd's and
# the tools' included, agrees on the time and sees it go by. TEST_DATES="YYYY-MM-DD …" picks
# other dates. CI runs it on the fast tests (scripts/test.sh); before a release, run it whole:
#   bash scripts/test-dates.sh build
set -euo pipefail
build=${1:?usage: test-dates.sh BUILD [ctest options…]}
shift
read -r -a dates <<<"${TEST_DATES:-2026-09-01 2027-01-04 2027-07-14 2028-02-29 2031-06-01}"
command -v faketime >/dev/null || { echo "test-dates: faketime is missing (bash scripts/deps.sh installs it)" >&2; exit 2; }

failed=()
for day in "${dates[@]}"; do
  # 10:00 in Paris on that day: a school day's time, whatever the real time of day is.
  offset=$(($(TZ=Europe/Paris date -d "$day 10:00" +%s) - $(date +%s)))
  sign=+
  [ "$offset" -lt 0 ] && sign=- && offset=$((-offset))
  echo "test-dates: ctest at $day ($(faketime -f "$sign${offset}s" date -u +%FT%TZ))" >&2
  # Timeouts and waits keep the real monotonic clock; file times move with the clock (drop
  # folders compare them with it), except in the packaging test (ninja compares them with its own).
  if ! FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$sign${offset}s" ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"; then
    failed+=("$day")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "test-dates: failed at ${failed[*]}" >&2
  exit 1
fi
echo "test-dates: passed at ${dates[*]}" >&2
