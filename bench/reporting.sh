#!/usr/bin/env bash
# Reporting benchmark (issue: Team progress) on PostgreSQL: 100,000 staff x 10 courses with a learning history.
#   1. As bench/reminder-sweep.sh: Release build; a fresh database (dropped and created); first start (site, Step-0
#      curriculum, first administrator bench-admin; Lms:Demo:Enabled=false); six more courses (ten in all);
#      100,000 staff through the real roster import, generated with --department 780 so that one department
#      (市町村001/総務部) holds ~1,000 people and its first row is the department's manager; 1,000,000 enrolments
#      (bench/reminders/enrolments.sql).
#   2. bench/reporting/activity.sql: activity completions, matching enrolment states and mindset survey answers,
#      straight into Learning's tables (no events), then `jobs run reporting-rebuild` (timed) fills the read models.
#   3. bench-manager: the department manager's own account (made by the import) renamed, with bench-admin's password.
#   4. The host (Release, Production) on the database; tokens and cookies for bench-manager and bench-admin; one cold
#      request of the organisation report; then wrk with bench/reporting/p95.lua: -c1 for latency and -c16 for
#      throughput, on the department's team page, the team API and the organisation report API.
#   5. The SQL of one team-page request (EF Core command log of a second, short host start): command count and times;
#      the log is kept in /tmp/lms-reporting-team-page-sql.log for EXPLAIN (ANALYZE, BUFFERS) by hand.
# Usage: LMS_BENCH_POSTGRES="Host=127.0.0.1;Port=54329;Database=lms_reporting_bench;Username=postgres" bench/reporting.sh [seconds]
#        LMS_BENCH_REUSE=1 (same variables): skip 1-3 and measure again on the database a previous run left.
# The database named there is DROPPED: its name must contain "bench". Needs wrk, psql, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
staff=100000
department=780
port=5185
cs=${LMS_BENCH_POSTGRES:?set LMS_BENCH_POSTGRES to an Npgsql connection string for a throw-away database (see the header)}

pgval() { # key of the connection string (case-insensitive), or a default
  local v
  v=$(tr ';' '\n' <<< "$cs" | awk -F= -v k="$1" 'tolower($1) == tolower(k) { sub(/^[^=]*=/, ""); print; exit }')
  echo "${v:-$2}"
}
export PGHOST=$(pgval Host 127.0.0.1) PGPORT=$(pgval Port 5432) PGUSER=$(pgval Username postgres)
db=$(pgval Database lms_bench)
pw=$(pgval Password ""); [ -n "$pw" ] && export PGPASSWORD=$pw
[[ $db == *bench* ]] || { echo "refusing to drop database '$db': its name must contain 'bench'" >&2; exit 2; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

work=$(mktemp -d /tmp/lms-reporting-bench-XXXX)
pid=
stop_host() { [ -n "$pid" ] && { kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null || true; }; pid=; }
trap 'stop_host; rm -rf "$work"' EXIT
host=(dotnet src/Host/Lms.Host/bin/Release/net10.0/Lms.Host.dll)
hostcfg=(--contentRoot="$PWD/src/Host/Lms.Host")
export ASPNETCORE_ENVIRONMENT=Production Lms__Demo__Enabled=false Lms__Database__Provider=Postgres \
  "ConnectionStrings__Lms=$cs" Lms__DataDirectory="$work/data" \
  Lms__Setup__AdminUserName=bench-admin Lms__Setup__AdminPassword='Bench-2026-pass!'

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
step() { printf '%-44s' "$1"; }

step "build (Release)"; t=$(now)
dotnet build src/Host/Lms.Host -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
echo "$(since "$t") s"

if [ "${LMS_BENCH_REUSE:-0}" = 1 ]; then
  echo "LMS_BENCH_REUSE=1: the database as a previous run of this script left it (data, rebuild and accounts)"
else
step "fresh database '$db'"; t=$(now)
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "drop database if exists \"$db\" with (force)" -c "create database \"$db\"" 2> >(grep -v NOTICE >&2)
echo "$(since "$t") s"

step "first start (site + Step-0 curriculum)"; t=$(now)
"${host[@]}" jobs list "${hostcfg[@]}" > "$work/first-start.log" 2>&1 || { cat "$work/first-start.log"; exit 1; }
"${host[@]}" recipe run bench/reminders/extra-courses.recipe.json "${hostcfg[@]}" > "$work/courses.log" 2>&1 || { cat "$work/courses.log"; exit 1; }
echo "$(since "$t") s, $(sql -At -c 'select count(*) from courses_courses where "PublishedVersion" is not null') published courses"

step "roster import ($staff staff)"; t=$(now)
python3 bench/roster/generate.py "$staff" "$work/roster.csv" --department "$department"
"${host[@]}" roster import "$work/roster.csv" --mode full "${hostcfg[@]}" > "$work/import.log" 2>&1 || { cat "$work/import.log"; exit 1; }
echo "$(since "$t") s ($(grep -E '^rows ' "$work/import.log" || true))"

step "generate enrolments (SQL) + ANALYZE"; t=$(now)
sql -P footer=off -f bench/reminders/enrolments.sql > "$work/enrolments.txt"
echo "$(since "$t") s"

step "generate activity and surveys (SQL)"; t=$(now)
sql -P footer=off -f bench/reporting/activity.sql > "$work/activity.txt"
echo "$(since "$t") s"
sed 's/^/  /' "$work/activity.txt"

echo "rebuild of the read models (load average $(cut -d' ' -f1-3 /proc/loadavg))"
t=$(now)
/usr/bin/time -o "$work/time-rebuild" -f "%U %S %M" "${host[@]}" jobs run reporting-rebuild "${hostcfg[@]}" > "$work/rebuild.log" 2>&1 || { cat "$work/rebuild.log"; exit 1; }
wall=$(since "$t"); read -r user sys rss < "$work/time-rebuild"
echo "  $(grep -E '^reporting-rebuild: ' "$work/rebuild.log")"
echo "  process wall $wall s (start-up included); host CPU user $user s + sys $sys s, peak RSS $((rss / 1024)) MiB"
sql -At -F ' ' -c "select 'read model:', (select count(*) from reporting_people), 'people,', (select count(*) from reporting_enrolments), 'enrolments,',
  (select count(*) from reporting_survey_answers), 'survey answers'"
sql -c "vacuum (analyze) reporting_people, reporting_enrolments, reporting_survey_answers" 2> /dev/null
fi

# The department's manager: the first row of the generated file (employee number 700000), who manages 市町村001/総務部.
read -r manager_staff unit unit_path < <(sql -At -F ' ' -c "select s.\"Id\", u.\"Id\", u.\"Path\" from organization_staff s
  join organization_unit_managers m on m.\"StaffId\" = s.\"Id\" join organization_units u on u.\"Id\" = m.\"OrgUnitId\"
  where s.\"EmployeeNumber\" = '700000'")
[ -n "${unit:-}" ] || { echo "employee 700000 manages no unit"; exit 1; }
size=$(sql -At -c "select count(*) from organization_staff s join organization_units u on u.\"Id\" = s.\"OrgUnitId\"
  where s.\"IsActive\" and (u.\"Id\" = '$unit' or u.\"Path\" like '$unit_path/%')")
echo "department $unit_path ($unit): $size active staff in the unit and below, the manager included"


if [ "${LMS_BENCH_REUSE:-0}" != 1 ]; then
# Sign-in account: the manager's own account (the import made one per person; StaffId is unique on accounts, so a copy
# of bench-admin's row cannot carry it) gets a user name and bench-admin's password hash.
sql -c "update organization_users set \"UserName\" = 'bench-manager', \"NormalizedUserName\" = 'BENCH-MANAGER',
    \"PasswordHash\" = (select \"PasswordHash\" from organization_users where \"NormalizedUserName\" = 'BENCH-ADMIN'),
    \"SecurityStamp\" = upper(replace(gen_random_uuid()::text, '-', '')), \"ConcurrencyStamp\" = gen_random_uuid()::text,
    \"IsActive\" = true, \"LockoutEnd\" = null, \"AccessFailedCount\" = 0
  where \"StaffId\" = '$manager_staff'"
sql -c "insert into organization_user_roles (\"UserId\", \"RoleId\")
  select u.\"Id\", r.\"Id\" from organization_users u, organization_roles r where u.\"StaffId\" = '$manager_staff' and r.\"Name\" = 'Manager'
  on conflict do nothing"
sql -c "insert into organization_unit_managers (\"StaffId\", \"OrgUnitId\") values ('$manager_staff', '$unit') on conflict do nothing"
fi

# The CLI runs above leave Hangfire jobs queued in the database: AwardBadgesJob once per badge (each over everyone) and a
# RebuildReportingJob per process started before the first rebuild had finished (FirstRebuild). Left queued, the web
# host would run them during the measurements (measured: load average above 10 and the host's CPU taken by them), so
# they are dropped: the read models are already rebuilt, and badges are not part of these figures.
sql -At -c "select count(*) || ' queued Hangfire jobs dropped before the measurements' from hangfire.jobqueue"
sql -c "truncate hangfire.jobqueue"

base="http://127.0.0.1:$port"
start_host() { # log file, extra environment...
  local log=$1; shift
  env "$@" "${host[@]}" "${hostcfg[@]}" --urls "$base" > "$log" 2>&1 &
  pid=$!
  local t0; t0=$(now)
  until curl -fs "$base/health" 2> /dev/null | grep -q '"status": "Healthy"'; do
    sleep 0.2
    kill -0 "$pid" 2> /dev/null || { cat "$log"; exit 1; }
    if [ "$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print (b - a > 120) }')" = 1 ]; then echo "host not healthy after 120 s"; tail -50 "$log"; exit 1; fi
  done
}
. bench/lib.sh
password='Bench-2026-pass!'
bearer() { lms_bearer "$1"; }
signin() { lms_sign_in "$1" "$work/$1.jar"; } # -> "lms.auth=..." cookie

echo
step "host start (Release, PostgreSQL)"; t=$(now)
start_host "$work/host.log"
echo "$(since "$t") s"
admin_token=$(bearer bench-admin); [ -n "$admin_token" ] || { echo "no token for bench-admin"; exit 1; }
curl -s -o /dev/null -w "cold GET /api/v1/reports/organisation (first request after the start): %{http_code}, %{size_download} bytes, %{time_total} s\n" \
  -H "Authorization: Bearer $admin_token" "$base/api/v1/reports/organisation"
manager_token=$(bearer bench-manager); [ -n "$manager_token" ] || { echo "no token for bench-manager"; exit 1; }
manager_cookie=$(signin bench-manager)
curl -s -H "Authorization: Bearer $manager_token" "$base/api/v1/teams/$unit/progress?pageSize=1" | grep -o '"totalCount":[0-9]*' | sed 's/^/team API for the department: /'
for check in "team page|$base/team/progress?unit=$unit|Cookie: $manager_cookie" \
             "team API|$base/api/v1/teams/$unit/progress|Authorization: Bearer $manager_token" \
             "organisation report API|$base/api/v1/reports/organisation|Authorization: Bearer $admin_token"; do
  IFS='|' read -r label url header <<< "$check"
  curl -s -o /dev/null -w "  warm: %{http_code} %{size_download} bytes %{time_total} s  $label\n" -H "$header" "$url"
done
curl -s -o /dev/null -w "  warm: %{http_code} %{size_download} bytes %{time_total} s  readiness index API\n" \
  -H "Authorization: Bearer $admin_token" "$base/api/v1/reports/readiness"
curl -s -o /dev/null -w "  one CSV export of the department (curl): %{http_code}, %{size_download} bytes, %{time_total} s\n" \
  -H "Authorization: Bearer $manager_token" "$base/api/v1/teams/$unit/progress.csv"

run() { # label, connections, url, header
  local out
  out=$(wrk -t"$(( $2 > 1 ? 2 : 1 ))" -c"$2" -d"${seconds}s" --timeout 30s --latency -s bench/reporting/p95.lua -H "$4" "$3")
  printf '%-36s c%-3s %8s req/s   p50 %9s   p95 %9s   p99 %9s   %s\n' "$1" "$2" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$out" | awk '$1 == "p95" {print $2 $3}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(echo "$out" | grep -E '^requests ' )"
}
echo "wrk, $seconds s per run, on the same 2 cores as the host and PostgreSQL (load average $(cut -d' ' -f1-3 /proc/loadavg))"
for c in 1 16; do
  run "/team/progress?unit= (department)" "$c" "$base/team/progress?unit=$unit" "Cookie: $manager_cookie"
  run "GET /api/v1/teams/{unit}/progress" "$c" "$base/api/v1/teams/$unit/progress" "Authorization: Bearer $manager_token"
  run "GET /api/v1/reports/organisation" "$c" "$base/api/v1/reports/organisation" "Authorization: Bearer $admin_token"
  run "GET /api/v1/reports/readiness" "$c" "$base/api/v1/reports/readiness" "Authorization: Bearer $admin_token"
done
# The organisation figures and the readiness index are kept a minute (Domain/ReportCache.cs): once it has passed, a
# request gets them at once and starts their recomputation in the background.
sleep 61
for check in "organisation report API|$base/api/v1/reports/organisation" "readiness index API|$base/api/v1/reports/readiness"; do
  IFS='|' read -r label url <<< "$check"
  curl -s -o /dev/null -w "  after the minute (served at once, recomputed in the background): %{http_code} %{size_download} bytes %{time_total} s  $label\n" \
    -H "Authorization: Bearer $admin_token" "$url"
done
stop_host

# The SQL behind one team-page request: a second start with EF Core's command log on (Information), one request.
echo
echo "SQL of one team-page request (EF Core command log; elapsed as EF measured it, cold caches of a new process)"
start_host "$work/sql.log" "Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information"
manager_cookie=$(signin bench-manager)
curl -s -o /dev/null -H "Cookie: $manager_cookie" "$base/team/progress?unit=$unit"   # warm-up (JIT, plans)
mark=$(wc -l < "$work/sql.log")
curl -s -o /dev/null -w "  team page with the command log on: %{http_code} %{time_total} s\n" -H "Cookie: $manager_cookie" "$base/team/progress?unit=$unit"
sleep 1
stop_host
tail -n +"$((mark + 1))" "$work/sql.log" > "$work/request.log"
grep -o 'Executed DbCommand ([0-9]*ms)' "$work/request.log" | grep -o '[0-9]*' | awk '{ n++; s += $1 } END { printf "  %d commands, %d ms in all\n", n, s }'
grep -o 'Executed DbCommand ([0-9]*ms)' "$work/request.log" | grep -o '[0-9]*' | sort -n | tail -5 | tr '\n' ' ' | sed 's/^/  slowest (ms): /; s/$/\n/'
cp "$work/request.log" "/tmp/lms-reporting-team-page-sql.log"
echo "  the request's log is kept in /tmp/lms-reporting-team-page-sql.log"
