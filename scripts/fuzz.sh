#!/usr/bin/env bash
# fuzz.sh [SECONDS]: builds the libFuzzer targets with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and runs each for SECONDS (default 60), seeded from the
# tests' corpus and the demo school. Exits non-zero on any crash, leak or timeout.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-60}
bash scripts/deps.sh
command -v clang++ >/dev/null || { apt-get install -y -qq clang libclang-rt-14-dev >/dev/null; }
CXX=clang++ bash scripts/build.sh build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINTEROP_FUZZ=ON -DINTEROP_BUILD_TESTS=OFF >/dev/null

seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{json,ndjson,xml,csv,aaf,siecle,sts,sts_emp,onde,ical,asc,edt,fet,untis,edt_text,udt,rss,atom,ent_news,pronote,lsu,csv_mapped,oneroster,html,policy_settings,hubd_http,hubd_auth}
head -c 20000 examples/demo-school/demo-school.json > "$seeds/json/demo-head.json"
printf '{"interop_schema":"1.0","students":[{"id":"E1","school":"0440008V","last_name":"M","first_name":"L","birth_date":"2012-03-01"}]}' > "$seeds/json/small.json"
build/cli/interop convert --to ndjson examples/demo-school/demo-school.json - 2>/dev/null | head -n 200 > "$seeds/ndjson/demo-head.ndjson" || true
cp tests/data/xml/*.xml "$seeds/xml/"
cp tests/data/aaf/complet/*.xml tests/data/aaf/delta/*.xml "$seeds/aaf/"
cp tests/data/siecle/set/*.xml "$seeds/siecle/"
cp tests/data/sts/*.xml "$seeds/sts/"
cp tests/data/onde/*/*.csv "$seeds/onde/"
cp tests/data/onde/*/*.csv "$seeds/csv/"
cp tests/data/ical/golden/0130001F/classes/*.ics tests/data/ical/agenda.ics "$seeds/ical/"
cp tests/data/asc/*.xml "$seeds/asc/"
cp tests/data/edt/*.xml "$seeds/edt/"
cp tests/data/fet/*.fet tests/data/fet/timetable.csv "$seeds/fet/"
cp tests/data/untis/GPU001.TXT "$seeds/untis/"
cp tests/data/edt_text/*.xml "$seeds/edt_text/"
cp tests/data/sts_emp/*.xml "$seeds/sts_emp/"
cp tests/data/udt/export/UDCal_1[12].xml "$seeds/udt/"
cp tests/data/feed/college.rss tests/data/feed/golden/news.rss "$seeds/rss/"
cp tests/data/feed/ent.atom tests/data/feed/golden/news.atom "$seeds/atom/"
cp tests/data/ent_news/*.json tests/data/ent_news/golden/news.json "$seeds/ent_news/"
sed -n '/^----$/!p' tests/data/html/hostile.txt > "$seeds/html/hostile.html"
cp tests/data/policy/settings.json "$seeds/policy_settings/"
cp tests/data/pronote/*.xml tests/data/pronote/golden/*.xml "$seeds/pronote/"
cp tests/data/lsu/*.xml tests/data/lsu/golden/*.xml "$seeds/lsu/"
cp tests/data/csv_mapped/*.json tests/data/csv_mapped/absences/* tests/data/csv_mapped/notes/* "$seeds/csv_mapped/"
for pkg in tests/data/oneroster/*/; do # a package as the target reads it: its files in order, NUL between
  [ -f "$pkg/manifest.csv" ] || continue
  for f in manifest orgs academicSessions courses classes users roles demographics enrollments categories scoreScales lineItems results \
           lineItemScoreScales lineItemLearningObjectiveIds; do
    cat "$pkg/$f.csv" 2>/dev/null || true
    printf '\0'
  done >"$seeds/oneroster/$(basename "$pkg")"
done
printf 'GET /v1/schools/0449000U/students?class=6A&limit=2&fields=id HTTP/1.1\r\nHost: x\r\n\r\n' > "$seeds/hubd_http/list"
printf 'GET /v1/changes?after=0&kinds=students,classes HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n' > "$seeds/hubd_http/changes"
printf 'GET /v1/calendars/abc.ics HTTP/1.1\r\nHost: x\r\nIf-None-Match: "x"\r\n\r\n' > "$seeds/hubd_http/feed"
printf 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.AAAA' > "$seeds/hubd_auth/token"
printf 't=1800000000,v1=00ff\n{"delivery_id":"d"}' > "$seeds/hubd_auth/signature"

# rapidjson 1.1.0's one known report (null + offset in its stack), explained in the file.
export UBSAN_OPTIONS="suppressions=$root/tests/fuzz/ubsan.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
status=0
for target in json_document:json ndjson:ndjson xml:xml csv:csv ical:ical aaf:aaf siecle:siecle sts:sts onde:onde asc:asc edt:edt fet:fet untis:untis edt-text:edt_text sts-emp:sts_emp udt:udt rss:rss atom:atom ent-news:ent_news pronote-ent:pronote lsu:lsu csv_mapped:csv_mapped oneroster:oneroster html:html policy_settings:policy_settings hubd_http:hubd_http hubd_auth:hubd_auth; do
  name=${target%%:*}
  corpus=build-fuzz/corpus-$name
  mkdir -p "$corpus"
  echo "fuzz_$name: ${seconds}s"
  if ! build-fuzz/tests/fuzz/fuzz_$name "$corpus" "$seeds/${target##*:}" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=build-fuzz/crash-$name- -print_final_stats=1 2> "build-fuzz/fuzz_$name.log"; then
    echo "fuzz_$name: FAILED, see build-fuzz/fuzz_$name.log"; status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/fuzz_$name.log" | sed "s/^/  /"
done
exit $status
