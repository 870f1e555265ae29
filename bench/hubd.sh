#!/usr/bin/env bash
# hubd.sh [SECONDS] [SCHOOLS] [WORKDIR]: hubd under load, beside nginx serving the same bytes.
#   1. GET of a class's week as JSON (the courses of class 6A of the demo school) with a valid
#      bearer token on every request, and GET of that class's iCalendar feed; wrk, keep-alive,
#      64 connections, SECONDS each; nginx serves the same response bodies from files.
#   2. Import throughput into the store: SCHOOLS generated collèges imported one by one over
#      HTTP, beside `interop inspect` reading the same files (parsing without storing).
# Installs wrk and nginx-light (Debian) when missing. Build first:
#   bash scripts/build.sh build-rel -DCMAKE_BUILD_TYPE=RelWithDebInfo
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-10}
schools=${2:-20}
work=${3:-/tmp/hubd-bench}
bin=$root/build-rel

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

rm -rf "$work" && mkdir -p "$work/www" "$work/nginx"
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
hubd_pid=""; nginx_pid=""
cleanup() { [ -n "$hubd_pid" ] && kill "$hubd_pid" 2>/dev/null; [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; true; }
trap cleanup EXIT

# --- hubd with the demo school --------------------------------------------------------------
scopes=roster:read,roster:write,timetable:read,timetable:write,attendance:write,grades:write,homework:write,discipline:write,news:write,notifications:write
client=$("$bin/hubd/hubd" client add --data "$work/data" --name bench --scopes "$scopes" --schools '*')
"$bin/hubd/hubd" serve --data "$work/data" --listen 127.0.0.1:0 >"$work/listen.json" 2>"$work/hubd.log" &
hubd_pid=$!
for _ in $(seq 50); do [ -s "$work/listen.json" ] && break; sleep 0.1; done
hub="http://$(json_field listening <"$work/listen.json")"
token=$(curl -sf -u "$(json_field client_id <<<"$client"):$(json_field client_secret <<<"$client")" -d grant_type=client_credentials \
  "$hub/oauth/token" | json_field access_token)
auth="Authorization: Bearer $token"
curl -sf -H "$auth" --data-binary @"$root/examples/demo-school/demo-school.json" "$hub/v1/imports?school=0449000U" >/dev/null
week="/v1/schools/0449000U/courses?class=6A&limit=100"
feed=$(curl -sf -H "$auth" -d '{"audience":"class","id":"6A"}' "$hub/v1/schools/0449000U/calendars" | json_field path)
curl -sf -H "$auth" "$hub$week" >"$work/www/week.json"
curl -sf "$hub$feed" >"$work/www/6A.ics"

# --- nginx serving the same bytes -----------------------------------------------------------
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  types { application/json json; text/calendar ics; }
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:18089; root $work/www; }
}
CONF
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
sleep 0.5
ngx="http://127.0.0.1:18089"

load() { # name url [header] → "requests/s p50_ms p99_ms"
  local out
  if [ -n "${3:-}" ]; then out=$(wrk -t2 -c64 -d"${secs}s" --latency -H "$3" "$2"); else out=$(wrk -t2 -c64 -d"${secs}s" --latency "$2"); fi
  echo "$out" >"$work/wrk-$1.txt"
  python3 - "$work/wrk-$1.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    v, unit = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M).groups()
    return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{rps:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {errors.group(1) if errors else 0}")
PY
}
row() { # label hubd nginx
  read -r hr h50 h99 herr <<<"$2"; read -r nr n50 n99 _ <<<"$3"
  printf '%-34s hubd %8s req/s p50 %6s ms p99 %6s ms (non-2xx %s) | nginx %8s req/s p50 %6s ms p99 %6s ms | %5.1f%%\n' \
    "$1" "$hr" "$h50" "$h99" "$herr" "$nr" "$n50" "$n99" "$(echo "100*$hr/$nr" | bc -l)"
}
echo "wrk -t2 -c64 -d${secs}s, keep-alive; JSON $(wc -c <"$work/www/week.json") bytes, iCalendar $(wc -c <"$work/www/6A.ics") bytes"
row "class week as JSON (bearer token)" "$(load hubd-week "$hub$week" "$auth")" "$(load nginx-week "$ngx/week.json")"
row "class iCalendar feed" "$(load hubd-feed "$hub$feed")" "$(load nginx-feed "$ngx/6A.ics")"

# --- import throughput ----------------------------------------------------------------------
"$bin/generator/interop-generate" --schools "$schools" --ndjson "$work/academy.ndjson"
python3 - "$work/academy.ndjson" "$work/schools" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
lines = open(src).read().splitlines()
header, shared, per = lines[0], [], {}
for line in lines[1:]:
    school = json.loads(line).get("school", "")
    (per.setdefault(school, []) if school else shared).append(line)
for uai, rows in per.items():
    with open(os.path.join(out, uai + ".ndjson"), "w") as f:
        f.write("\n".join([header] + shared + rows) + "\n")
PY
records=$(($(cat "$work"/schools/*.ndjson | wc -l) - $(ls "$work"/schools | wc -l)))
start=$(date +%s.%N)
for f in "$work"/schools/*.ndjson; do
  uai=$(basename "$f" .ndjson)
  curl -sf -H "$auth" --data-binary @"$f" "$hub/v1/imports?school=$uai&format=ndjson" >/dev/null
done
import_s=$(echo "$(date +%s.%N) - $start" | bc -l)
start=$(date +%s.%N)
for f in "$work"/schools/*.ndjson; do "$bin/cli/interop" inspect "$f" >/dev/null; done
inspect_s=$(echo "$(date +%s.%N) - $start" | bc -l)
printf 'import %s schools, %s records: %.2f s, %.0f records/s | interop inspect of the same files: %.2f s, %.0f records/s | %.1fx\n' \
  "$schools" "$records" "$import_s" "$(echo "$records/$import_s" | bc -l)" "$inspect_s" "$(echo "$records/$inspect_s" | bc -l)" \
  "$(echo "$import_s/$inspect_s" | bc -l)"
echo "store: $(du -h "$work/data/hub.sqlite" | cut -f1)"
