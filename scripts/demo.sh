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
for format in $($interop formats | awk -F'\t' '$2 ~ /W/ {print $1}'); do
  target="$out/demo-school.$format"
  $interop convert --to "$format" "$demo" "$target"
  summary=$($interop validate --from "$format" "$target" 2>/dev/null) || status=1
  same=$($interop diff "$demo" "$target" | tail -n 1)
  printf '%-8s %-40s %s; %s\n' "$format" "$target ($(du -h "$target" | cut -f1))" "${summary#*: }" "$same"
done
exit $status
