#!/usr/bin/env bash
# Reminder sweep benchmark (issue: Reminders): `jobs run reminder-sweep` over 1,000,000 enrolments on PostgreSQL.
#   1. Release build; a fresh database (dropped and created); first start installs the site and the Step-0
#      curriculum (Lms:Demo:Enabled=false); bench/reminders/extra-courses.recipe.json publishes six more courses
#      (ten in all: learning_enrolments is unique on staff and course, so ten enrolments a person need ten courses).
#   2. 100,000 staff through the real path: bench/roster/generate.py + `roster import --mode full`.
#   3. learning_enrolments replaced by 1,000,000 generated rows (bench/reminders/enrolments.sql), then ANALYZE.
#   4. `jobs run reminder-sweep` twice: the first decides and stores the reminders, the second finds them all sent.
#      Before each run: VACUUM ANALYZE of notifications_messages and a CHECKPOINT, so neither lands in a run.
#      Each run: the job's own summary (its elapsed time is the target's figure), process wall time, the host's
#      CPU and peak RSS, the CPU of PostgreSQL backends that ended meanwhile, the machine's CPU pressure, and
#      (when the server preloads pg_stat_statements) server-side execution and planning time per statement.
#      Then counts from notifications_messages by kind, and EXPLAIN ANALYZE of the candidate query alone.
# Usage: LMS_BENCH_POSTGRES="Host=127.0.0.1;Port=54331;Database=lms_bench;Username=postgres" bench/reminder-sweep.sh [staff]
# The database named there is DROPPED: its name must contain "bench". PostgreSQL only (the target is about it).
set -euo pipefail
cd "$(dirname "$0")/.."
staff=${1:-100000}
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

work=$(mktemp -d /tmp/lms-reminder-bench-XXXX)
trap 'rm -rf "$work"' EXIT
host=(dotnet src/Host/Lms.Host/bin/Release/net10.0/Lms.Host.dll)
# The host's appsettings.json as a deployed site has it (EF Core's per-command logging off); `=` form, so that
# the path is not taken for a command word.
hostcfg=(--contentRoot="$PWD/src/Host/Lms.Host")
export ASPNETCORE_ENVIRONMENT=Production Lms__Demo__Enabled=false Lms__Database__Provider=Postgres \
  "ConnectionStrings__Lms=$cs" Lms__DataDirectory="$work/data"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
step() { printf '%-44s' "$1"; }

step "build (Release)"; t=$(now)
dotnet build src/Host/Lms.Host -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
echo "$(since "$t") s"

step "fresh database '$db'"; t=$(now)
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "drop database if exists \"$db\" with (force)" -c "create database \"$db\"" 2> >(grep -v NOTICE >&2)
echo "$(since "$t") s"

step "first start (site + Step-0 curriculum)"; t=$(now)
"${host[@]}" jobs list "${hostcfg[@]}" > "$work/first-start.log" 2>&1 || { cat "$work/first-start.log"; exit 1; }
"${host[@]}" recipe run bench/reminders/extra-courses.recipe.json "${hostcfg[@]}" > "$work/courses.log" 2>&1 || { cat "$work/courses.log"; exit 1; }
echo "$(since "$t") s, $(sql -At -c 'select count(*) from courses_courses where "PublishedVersion" is not null') published courses"

step "roster import ($staff staff)"; t=$(now)
python3 bench/roster/generate.py "$staff" "$work/roster.csv"
"${host[@]}" roster import "$work/roster.csv" --mode full "${hostcfg[@]}" > "$work/import.log" 2>&1 || { cat "$work/import.log"; exit 1; }
echo "$(since "$t") s ($(grep -E '^rows ' "$work/import.log"); the import's enrolments follow)"
echo "  active staff: $(sql -At -c 'select count(*) from organization_staff where "IsActive"')"

step "generate enrolments (SQL) + ANALYZE"; t=$(now)
sql -P footer=off -f bench/reminders/enrolments.sql > "$work/enrolments.txt"
echo "$(since "$t") s"
sed 's/^/  /' "$work/enrolments.txt"

# Optional server-side detail: pg_stat_statements when the server preloads it (-c shared_preload_libraries=pg_stat_statements).
stats=$(sql -At -c "select count(*) from pg_settings where name = 'shared_preload_libraries' and setting like '%pg_stat_statements%'")
[ "$stats" = 1 ] && sql -c "create extension if not exists pg_stat_statements" 2> /dev/null
# CPU of PostgreSQL backends: the postmaster's reaped-children time (backends end when the host's connections close).
pgdata=$(sql -At -c "show data_directory" 2> /dev/null || true)
postmaster=$( [ -r "$pgdata/postmaster.pid" ] && head -1 "$pgdata/postmaster.pid" || true)
# CPU pressure (Linux PSI): the share of the run's wall time in which some task waited for a CPU. On a machine
# shared with someone's build, that is how much of the figure is the neighbours'.
psi() { awk '/^some/ { sub("total=", "", $5); print $5 }' /proc/pressure/cpu 2> /dev/null || echo 0; }
pgcpu() { [ -n "$postmaster" ] && [ -r "/proc/$postmaster/stat" ] && awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($14 + $15) / hz }' "/proc/$postmaster/stat" || echo 0; }

for run in 1 2; do
  # Settle first: without this, autovacuum of the previous run's 400,000 new rows and a checkpoint share the two
  # cores with the second run (measured: 48 s instead of 26 s), which says more about the machine than the sweep.
  sql -c "vacuum (analyze) notifications_messages"
  sql -c "checkpoint" 2> /dev/null || true
  [ "$stats" = 1 ] && sql -c "select pg_stat_statements_reset()" > /dev/null
  echo
  echo "run $run (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  cpu0=$(pgcpu); psi0=$(psi); t=$(now)
  /usr/bin/time -o "$work/time-$run" -f "%U %S %M" "${host[@]}" jobs run reminder-sweep "${hostcfg[@]}" > "$work/run-$run.log" 2>&1 || { cat "$work/run-$run.log"; exit 1; }
  wall=$(since "$t"); psi1=$(psi); sleep 1
  read -r user sys rss < "$work/time-$run"
  echo "  $(grep -E '^reminder-sweep: ' "$work/run-$run.log")"
  echo "  process wall ${wall} s (start-up included); host CPU user ${user} s + sys ${sys} s, peak RSS $((rss / 1024)) MiB;" \
       "PostgreSQL backends CPU $(awk -v a="$cpu0" -v b="$(pgcpu)" 'BEGIN { printf "%.1f", b - a }') s;" \
       "CPU pressure $(awk -v a="$psi0" -v b="$psi1" -v w="$wall" 'BEGIN { printf "%.0f", (w > 0 ? (b - a) / 1e4 / w : 0) }')% of the time"
  if [ "$stats" = 1 ]; then
    sql -P footer=off -c "select calls, round(total_exec_time::numeric / 1000, 2) as exec_s, round(total_plan_time::numeric / 1000, 2) as plan_s, rows,
        round(wal_bytes / 1048576.0) as wal_mib, left(regexp_replace(query, '\s+', ' ', 'g'), 70) as statement
      from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
        and query not like '%hangfire%' and query not like '%pg_stat_statements%'
      order by total_exec_time desc limit 6" | sed 's/^/  /'
  fi
done

echo
echo "notifications_messages by kind (MailStatus 1 = pending e-mail, 0 = inbox only)"
sql -P footer=off -c 'select "Kind", count(*), count(*) filter (where "MailStatus" = 1) as mail_pending, count(*) filter (where "MailStatus" = 0) as inbox_only
  from notifications_messages group by 1 order by 1' | sed 's/^/  /'

# The sweep's parameters: the longest due-soon look-ahead from today, and local midnight of the first day that
# counts as inactive (ReminderPlanner.Window, ReminderSweep.LocalMidnight), in the site's time zone.
sql -At -c "select (now() at time zone s.\"TimeZoneId\")::date + (select max(\"Days\") from notifications_rules where \"Enabled\" and \"Kind\" = 'due-soon') as due,
    (((now() at time zone s.\"TimeZoneId\")::date - (select min(\"Days\") from notifications_rules where \"Enabled\" and \"Kind\" = 'inactive') + 1)::timestamp
      at time zone s.\"TimeZoneId\") as since from platform_site_settings s" -F ' ' > "$work/params"
read -r due since_date since_time < "$work/params"
echo "the candidate query alone (the sweep's SQL; due on or before $due, inactive since $since_date $since_time)"
sql -At -c "explain (analyze, buffers)
  select l.\"StaffId\", l.\"CourseId\", l.\"DueDate\", l.\"EnrolledAt\", l.\"LastActivityAt\" from learning_enrolments as l
  where l.\"CompletedAt\" is null and l.\"WithdrawnAt\" is null
    and ((l.\"DueDate\" is not null and l.\"DueDate\" <= '$due') or coalesce(l.\"LastActivityAt\", l.\"EnrolledAt\") < '$since_date $since_time')" | sed 's/^/  /'
