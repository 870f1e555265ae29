#!/usr/bin/env bash
# academy.sh [SCHOOLS] [WORKDIR]: academy-scale runs, each beside a floor in the same run.
#   generate SCHOOLS collèges as NDJSON   vs  cp of the same bytes (writing them)
#   interop inspect of that file          vs  wc -l of it (reading and scanning the lines)
#   interop validate --strict, 40 schools vs  interop inspect of the same document (reading it)
# Prints wall seconds and peak RSS of each, and the ratio to its floor.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
schools=${1:-300}
work=${2:-/tmp/interop-academy}
bin=$root/build-rel
mkdir -p "$work"

measure() { # name command…: prints "seconds peak_kb"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null
  cat "$work/time.txt"
}
row() { # label floor_label "secs kb" "floor_secs floor_kb"
  read -r s k <<<"$3"; read -r fs fk <<<"$4"
  printf '%-44s %8.2f s %9.1f MB | %-22s %8.2f s %8.1f MB | %5.1fx\n' "$1" "$s" "$(echo "$k/1024" | bc -l)" "$2" "$fs" \
    "$(echo "$fk/1024" | bc -l)" "$(echo "$s/$fs" | bc -l)"
}

gen=$(measure "$bin/generator/interop-generate" --schools "$schools" --ndjson "$work/academy.ndjson")
copy=$(measure cp "$work/academy.ndjson" "$work/copy.ndjson")
rm -f "$work/copy.ndjson"
row "generate $schools schools ($(du -h "$work/academy.ndjson" | cut -f1))" "cp" "$gen" "$copy"
row "interop inspect" "wc -l" "$(measure "$bin/cli/interop" inspect "$work/academy.ndjson")" \
  "$(measure wc -l "$work/academy.ndjson")"
"$bin/generator/interop-generate" --schools 40 "$work/forty.json"
row "interop validate --strict, 40 schools" "interop inspect" \
  "$(measure "$bin/cli/interop" validate --strict "$work/forty.json")" "$(measure "$bin/cli/interop" inspect "$work/forty.json")"
rm -rf "$work"
