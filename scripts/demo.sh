#!/usr/bin/env bash
# The main job at this stage: installs what is missing, builds, then converts the demo school
# into every writable format, reads each result back, validates it and prints a short report.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/deps.sh
bash scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

interop=build/cli/interop
demo=examples/demo-school/demo-school.json
out=build/demo
mkdir -p "$out"

echo "Demo school: $demo"
$interop inspect "$demo" | sed 's/^/  /'
status=0
while IFS=$'\t' read -r format modes _; do
  [[ $modes == *W* ]] || continue
  target="$out/demo-school.$format"
  rm -rf "$target"
  $interop convert --to "$format" "$demo" "$target"
  if [[ $modes != *R* ]]; then # written only (calendars): what was made
    printf '%-8s %-40s written: %s files\n' "$format" "$target ($(du -sh "$target" | cut -f1))" "$(find "$target" -type f | wc -l)"
    continue
  fi
  summary=$($interop validate --from "$format" "$target" 2>/dev/null) || status=1
  same=$($interop diff "$demo" "$target" | tail -n 1) || true
  printf '%-8s %-40s %s; %s\n' "$format" "$target ($(du -sh "$target" | cut -f1))" "${summary#*: }" "$same"
done < <($interop formats)
exit $status
