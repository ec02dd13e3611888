#!/usr/bin/env bash
# Team progress pages under load (issue: Team progress), on the demo city (SQLite, the embedded default):
# demo-manager's team page (all rows, and filtered to the overdue), the team API as JSON and as CSV, and for
# demo-admin the organisation report and the readiness index, next to a page of the same host that does no database
# work (the sign-in form) as the baseline. A first start installs the demo city (500 staff with their learning
# history); the script waits until the reporting read model holds everyone and the first rebuild has finished.
# Usage: bench/team-pages.sh [seconds-per-url] [connections]     (needs wrk and sqlite3: apt-get install wrk sqlite3)
# LMS_BENCH_WARMUP=seconds: unrecorded load per address before the runs (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-16}
port=5184
data=$(mktemp -d -u /tmp/lms-team-bench-XXXX)
dotnet build src/Host/Lms.Host -c Release -nologo -v quiet > /dev/null
# The content root is the project folder, so appsettings.json (log levels) applies as in production.
ASPNETCORE_ENVIRONMENT=Production Lms__DataDirectory="$data" \
  dotnet src/Host/Lms.Host/bin/Release/net10.0/Lms.Host.dll --contentRoot "$PWD/src/Host/Lms.Host" --urls "http://127.0.0.1:$port" > "$data.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data" "$data.log" "$data".*.jar' EXIT
started=$(date +%s.%N)
until curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"status": "Healthy"'; do sleep 0.2; kill -0 $pid; done
echo "first start (demo city) healthy after $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

# The read model is filled by the first start's events (flushed every 2 s) and by a first rebuild: measuring before
# both are done would time pages over a half-empty table.
db="$data/lms.db"
for i in $(seq 1 180); do
  people=$(sqlite3 "$db" "select count(*) from reporting_people" 2>/dev/null || echo 0)
  # (the first-rebuild marker row is "finished" when queued: only a rebuild's own summary counts)
  rebuilt=$(sqlite3 "$db" "select count(*) from reporting_rebuilds where FinishedAt is not null and Summary like '%people%recomputed%'" 2>/dev/null || echo 0)
  [ "$people" -ge 500 ] && [ "$rebuilt" -ge 1 ] && break
  [ "$i" -eq 180 ] && { echo "read model not filled after 180 s: $people people, $rebuilt finished rebuilds"; exit 1; }
  sleep 1
done
# The first start's other background work (certificates for the history's completions, badges) settles meanwhile.
sleep 15
echo "read model: $people people, $(sqlite3 "$db" "select count(*) from reporting_enrolments") enrolments," \
  "$(sqlite3 "$db" "select count(*) from reporting_survey_answers") survey answers; rebuild: $(sqlite3 "$db" "select Summary from reporting_rebuilds where FinishedAt is not null and Summary like '%people%recomputed%' order by StartedAt desc limit 1")"

base="http://127.0.0.1:$port"
. bench/lib.sh
manager=$(lms_sign_in demo-manager "$data.demo-manager.jar")
admin=$(lms_sign_in demo-admin "$data.demo-admin.jar")
token=$(lms_bearer demo-manager)
# demo-manager's unit: the first unit they manage (the team page's default scope is all of them, with the units below).
unit=$(sqlite3 "$db" "select m.OrgUnitId from organization_unit_managers m join organization_users u on u.StaffId = m.StaffId
  where u.UserName = 'demo-manager' limit 1")
[ -n "$unit" ] || { echo "demo-manager manages no unit"; exit 1; }
people_in_scope=$(curl -s "$base/api/v1/teams/$unit/progress?pageSize=1" -H "Authorization: Bearer $token" | grep -o '"totalCount":[0-9]*' | cut -d: -f2)
echo "demo-manager's unit $unit: ${people_in_scope:-?} people in scope"

run() { # label, url, header
  local out errors
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$3" "$2")
  errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)
  printf '%-40s %8s req/s   p50 %8s   p99 %8s   %6s requests   errors %s\n' "$1" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(echo "$out" | awk '/requests in/ {print $1}')" "${errors:-none}"
}

echo "status codes before the runs (all must be 200):"
for check in "team page|$base/team/progress|Cookie: $manager" "team page, overdue|$base/team/progress?status=overdue|Cookie: $manager" \
             "team API|$base/api/v1/teams/$unit/progress|Authorization: Bearer $token" "team CSV|$base/api/v1/teams/$unit/progress.csv|Authorization: Bearer $token" \
             "organisation report|$base/reports/organisation|Cookie: $admin" "readiness index|$base/reports/readiness|Cookie: $admin"; do
  IFS='|' read -r label url header <<< "$check"
  curl -s -o /dev/null -w "  %{http_code} %{size_download} bytes %{time_total} s  $label\n" -H "$header" "$url"
done
curl -s -o /dev/null -w "one CSV export (curl): %{http_code}, %{size_download} bytes, %{time_total} s\n" \
  -H "Authorization: Bearer $token" "$base/api/v1/teams/$unit/progress.csv"

# A fresh process runs its hot paths as quickly jitted, unoptimised code until the JIT's background thread, starved
# by the load on 2 cores, has recompiled them: the team page served 80-120 requests a second for its first 40-60 s
# of load and 200-300 after. A server runs for days, so every address is warmed for $warmup s first, unrecorded.
warmup=${LMS_BENCH_WARMUP:-20}
for url in "$base/account/sign-in|X-Bench: 1" "$base/team/progress|Cookie: $manager" "$base/team/progress?status=overdue|Cookie: $manager" \
           "$base/api/v1/teams/$unit/progress|Authorization: Bearer $token" "$base/api/v1/teams/$unit/progress.csv|Authorization: Bearer $token" \
           "$base/reports/organisation|Cookie: $admin" "$base/reports/readiness|Cookie: $admin"; do
  IFS='|' read -r url header <<< "$url"
  wrk -t2 -c"$connections" -d"${warmup}s" -H "$header" "$url" > /dev/null
done

echo "demo city, $seconds s per URL, $connections connections, wrk -t2 on the same 2 cores (load average $(cut -d' ' -f1-3 /proc/loadavg))"
run "sign-in page (no database)" "$base/account/sign-in" "X-Bench: 1"
run "/team/progress (demo-manager)" "$base/team/progress" "Cookie: $manager"
run "/team/progress?status=overdue" "$base/team/progress?status=overdue" "Cookie: $manager"
run "GET /api/v1/teams/{unit}/progress" "$base/api/v1/teams/$unit/progress" "Authorization: Bearer $token"
run "GET /api/v1/teams/{unit}/progress.csv" "$base/api/v1/teams/$unit/progress.csv" "Authorization: Bearer $token"
run "/reports/organisation (demo-admin)" "$base/reports/organisation" "Cookie: $admin"
run "/reports/readiness (demo-admin)" "$base/reports/readiness" "Cookie: $admin"
