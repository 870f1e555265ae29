#!/usr/bin/env bash
# The main job: installs what is missing, builds, starts hubd on 127.0.0.1 with SQLite in a
# local data folder, imports the demo school (generated for today's school year: the checked-in
# examples/demo-school holds 2025-2026, whose feeds would be empty now), and prints a client id and secret, an example
# curl with a token, and an iCalendar feed URL. Then converts the demo school into every
# writable format and reads each result back. hubd keeps running; the last lines say how to stop it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/deps.sh
bash scripts/build.sh --release build >/dev/null # test.sh's tree: one build serves both

interop=build/cli/interop
hubd=build/hubd/hubd
out=build/demo
data=build/demo/hub
demo=$out/school/demo-school.json # apart from the conversions: demo-school.json is also the json one's name
mkdir -p "$out/school"
build/generator/interop-generate --school-year current "$demo"

json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# --- hubd -------------------------------------------------------------------------------
if [ -f "$data/hubd.pid" ] && kill -0 "$(cat "$data/hubd.pid")" 2>/dev/null; then
  kill "$(cat "$data/hubd.pid")" && sleep 1 # the previous demo's hub
fi
mkdir -p "$data"
client=$($hubd client add --data "$data" --name demo --schools 0449000U \
  --scopes roster:read,roster:write,timetable:read,timetable:write,attendance:read,attendance:write,grades:read,grades:write,homework:read,homework:write,discipline:read,discipline:write,news:read,news:write,notifications:read,notifications:write,audit)
client_id=$(json_field client_id <<<"$client")
client_secret=$(json_field client_secret <<<"$client")

nohup $hubd serve --data "$data" --listen 127.0.0.1:0 >"$data/listen.json" 2>"$data/hubd.log" &
echo $! >"$data/hubd.pid"
for _ in $(seq 50); do [ -s "$data/listen.json" ] && break; sleep 0.1; done
address=$(json_field listening <"$data/listen.json")
base="http://$address"

token=$(curl -sf -u "$client_id:$client_secret" -d grant_type=client_credentials "$base/oauth/token" | json_field access_token)
report=$(curl -sf -H "Authorization: Bearer $token" --data-binary @"$demo" "$base/v1/imports?school=0449000U&name=demo-school.json")
feed=$(curl -sf -H "Authorization: Bearer $token" -d '{"audience":"class","id":"6A"}' "$base/v1/schools/0449000U/calendars" | json_field url)

echo "hubd listens on $base (data in $data, log in $data/hubd.log)"
echo "  imported the demo school: $(python3 -c 'import json,sys; r=json.load(sys.stdin); c=r["changes"]; print(r["records"], "records:", c["created"], "created,", c["updated"], "updated,", c["unchanged"], "unchanged, in", r["duration_ms"], "ms")' <<<"$report")"
echo "  client id:     $client_id"
echo "  client secret: $client_secret"
echo "  a token, then the pupils of class 6A:"
echo "    TOKEN=\$(curl -s -u $client_id:$client_secret -d grant_type=client_credentials $base/oauth/token | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])')"
echo "    curl -H \"Authorization: Bearer \$TOKEN\" '$base/v1/schools/0449000U/students?class=6A&fields=id,last_name,first_name'"
echo "  iCalendar feed of class 6A (subscribe to it in any calendar app): $feed"
echo

# --- the formats ------------------------------------------------------------------------
echo "Demo school: $demo"
$interop inspect "$demo" | sed 's/^/  /'
status=0
while IFS=$'\t' read -r format modes domains _; do
  [[ $modes == *W* ]] || continue
  target="$out/demo-school.$format"
  rm -rf "$target"
  $interop convert --to "$format" "$demo" "$target"
  if [[ $modes != *R* ]]; then # written only (calendars): what was made
    printf '%-8s %-40s written: %s files\n' "$format" "$target ($(du -sh "$target" | cut -f1))" "$(find "$target" -type f | wc -l)"
    continue
  fi
  if [[ $domains == *people* || $domains == *structure* ]]; then
    summary=$($interop validate --from "$format" "$target" 2>/dev/null) || status=1
  else # news or school life alone: the people and classes they name live in other files
    findings=$($interop validate --from "$format" "$target" 2>&1 >/dev/null || true)
    summary=$($interop validate --from "$format" "$target" 2>/dev/null || true)
    others=$(grep ': error:' <<<"$findings" | grep -vc '\[ref.missing\]' || true)
    [[ $others == 0 ]] || status=1
    summary="$summary (references to other files' records only)"
  fi
  same=$($interop diff "$demo" "$target" | tail -n 1) || true
  printf '%-8s %-40s %s; %s\n' "$format" "$target ($(du -sh "$target" | cut -f1))" "${summary#*: }" "$same"
done < <($interop formats)
echo
echo "hubd is still running: stop it with  kill \$(cat $data/hubd.pid)"
exit $status
