#!/usr/bin/env bash
# Two nodes on one PostgreSQL behind nginx (issue: Operations). Starts two host processes at once on a fresh database
# (one installs the demo city while the other waits on the start-up lock), puts nginx in front, and measures with wrk:
#   1. one node alone behind nginx and both, in the order one-two-two-one: requests a second on a learner page and the
#      learner API;
#   2. both under load while node B is killed (SIGKILL) in the middle of a Hangfire job: errors seen by the clients;
#   3. Hangfire: the reminder sweep and the certificate reconciliation scheduled every minute on both nodes through
#      the run; afterwards every job created must have succeeded exactly once, the one b was running included (it
#      goes back to the queue after the invisibility timeout, 1 minute here, and runs again on node a).
# Each node is pinned to one core (taskset) to stand for one machine each: on 2 cores, two unpinned processes would
# only share what one already uses. PostgreSQL, nginx and wrk float.
# LMS_BENCH_NODE_CPU=0.5 also caps each node at that many cores (a cgroup CPU quota; needs root): on this 2-core
# machine a node pinned to a whole core leaves PostgreSQL, nginx and wrk only the other core, so the second node has
# little to add; with half a core each, the nodes are the bottleneck, as they are on real machines of a fixed size.
# Usage: LMS_BENCH_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres" bench/scale-out.sh [seconds] [connections]
#        (needs nginx, wrk, psql, taskset: apt-get install nginx wrk postgresql-client util-linux)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-16}
: "${LMS_BENCH_POSTGRES:?set LMS_BENCH_POSTGRES to a PostgreSQL connection string of a superuser (no Database=)}"
db=lms_scale_out
work=$(mktemp -d /tmp/lms-scale-out-XXXX)
pg() { # psql with the pieces of the connection string
  local host port user
  host=$(echo "$LMS_BENCH_POSTGRES" | tr ';' '\n' | awk -F= 'tolower($1)=="host" {print $2}')
  port=$(echo "$LMS_BENCH_POSTGRES" | tr ';' '\n' | awk -F= 'tolower($1)=="port" {print $2}')
  user=$(echo "$LMS_BENCH_POSTGRES" | tr ';' '\n' | awk -F= 'tolower($1)=="username" {print $2}')
  psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" -v ON_ERROR_STOP=1 -qAt "$@"
}
pg -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
dotnet build src/Host/Lms.Host -c Release -nologo -v quiet > /dev/null

node_cpu=${LMS_BENCH_NODE_CPU:-}
cgroups=()
cap_cpu() { # name pid: a CPU quota of $node_cpu cores (cgroup v2, else v1's cpu controller)
  [ -n "$node_cpu" ] || return 0
  local quota dir
  quota=$(awk -v c="$node_cpu" 'BEGIN { printf "%d", c * 100000 }')
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    dir=/sys/fs/cgroup/lms-scale-out-$1; mkdir -p "$dir"; echo "$quota 100000" > "$dir/cpu.max"
  else
    dir=/sys/fs/cgroup/cpu/lms-scale-out-$1; mkdir -p "$dir"
    echo 100000 > "$dir/cpu.cfs_period_us"; echo "$quota" > "$dir/cpu.cfs_quota_us"
  fi
  echo "$2" > "$dir/cgroup.procs"
  cgroups+=("$dir")
}

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  for d in "${cgroups[@]}"; do rmdir "$d" 2>/dev/null || true; done
}
trap cleanup EXIT

start_node() { # name port core -> pid
  # (env: the job ids' hyphens are not allowed in a shell assignment)
  env ASPNETCORE_ENVIRONMENT=Production Lms__DataDirectory="$work/$1" Lms__SharedDirectory="$work/shared" \
    Lms__Database__Provider=Postgres ConnectionStrings__Lms="$LMS_BENCH_POSTGRES;Database=$db" \
    Lms__ForwardedHeaders__Enabled=true Lms__Jobs__WorkerCount=2 Lms__Jobs__InvisibilityTimeout=00:01:00 \
    "Lms__Jobs__Schedules__reminder-sweep=* * * * *" "Lms__Jobs__Schedules__certificates-reconcile=* * * * *" \
    taskset -c "$3" dotnet src/Host/Lms.Host/bin/Release/net10.0/Lms.Host.dll --contentRoot "$PWD/src/Host/Lms.Host" \
    --urls "http://127.0.0.1:$2" > "$work/$1.log" 2>&1 &
  echo $!
}
started=$(date +%s)
a=$(start_node a 5301 0); pids+=("$a"); cap_cpu a "$a"
b=$(start_node b 5302 1); pids+=("$b"); cap_cpu b "$b"
[ -z "$node_cpu" ] || echo "each node capped at $node_cpu cores"
for port in 5301 5302; do
  until curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"status": "Healthy"'; do
    sleep 0.5; kill -0 "$a" && kill -0 "$b" || { echo "a node died; logs in $work"; tail -n 30 "$work"/a.log "$work"/b.log; exit 1; }
    [ $(( $(date +%s) - started )) -lt 600 ] || { echo "not healthy after 600 s"; exit 1; }
  done
done
echo "both nodes healthy after $(( $(date +%s) - started )) s; staff: $(pg -d $db -c 'select count(*) from organization_staff')"
echo "start-up lock: node b $(grep -q 'Another node is starting' "$work/b.log" && echo waited || echo 'did not wait')," \
  "node a $(grep -q 'Another node is starting' "$work/a.log" && echo waited || echo 'did not wait')"

nginx_conf() { # upstream servers...
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx-body; proxy_temp_path $work/nginx-proxy;
  fastcgi_temp_path $work/nginx-fcgi; uwsgi_temp_path $work/nginx-uwsgi; scgi_temp_path $work/nginx-scgi;
  upstream lms { $(for s in "$@"; do printf 'server %s max_fails=1 fail_timeout=10s; ' "$s"; done) keepalive 32; }
  server {
    listen 127.0.0.1:5300;
    location / {
      proxy_pass http://lms;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A node that dies mid-request: the request (GET) is tried once more on the other.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
    }
  }
}
CONF
  if [ -f "$work/nginx.pid" ] && kill -0 "$(cat "$work/nginx.pid")" 2>/dev/null; then nginx -c "$work/nginx.conf" -s reload; sleep 1
  else nginx -c "$work/nginx.conf"; fi
}
nginx_conf 127.0.0.1:5301 127.0.0.1:5302
base=http://127.0.0.1:5300

# demo-staff signs in through nginx: the cookie is written by one node and read by both (keys in the database).
. bench/lib.sh
cookie=$(lms_sign_in demo-staff "$work/staff.jar")
bearer=$(lms_bearer demo-staff)
course=$(curl -s "$base/api/v1/me/enrolments" -H "Authorization: Bearer $bearer" | grep -o '"courseId":"[^"]*"' | head -1 | cut -d'"' -f4)
[ -n "$course" ] || { echo "demo-staff has no enrolment"; exit 1; }
for i in 1 2 3 4; do # both nodes answer the same cookie
  curl -s -o /dev/null -w "  %{http_code} /learn/courses/{id} through nginx\n" -H "Cookie: $cookie" "$base/learn/courses/$course"
done

run() { # label url header seconds -> one line; wrk counts non-2xx and socket errors
  local out
  out=$(wrk -t2 -c"$connections" -d"$4s" --latency -H "$3" "$2")
  printf '%-52s %8s req/s   p50 %8s   p99 %8s   %7s requests   %s\n' "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(echo "$out" | awk '/requests in/ {print $1}')" "errors: $(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' | sed 's/  */ /g' || true)"
}
page="$base/learn/courses/$course"; api="$base/api/v1/me/enrolments"
echo "warming up both nodes (unrecorded)"
for i in 1 2; do wrk -t2 -c"$connections" -d15s -H "Cookie: $cookie" "$page" > /dev/null; wrk -t2 -c"$connections" -d10s -H "Authorization: Bearer $bearer" "$api" > /dev/null; done

echo "load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$connections, $seconds s each"
# The nodes keep getting faster for minutes (tiered JIT), so one-two-two-one: a drift favours neither side.
for round in "one node" "two nodes" "two nodes" "one node"; do
  if [ "$round" = "one node" ]; then nginx_conf 127.0.0.1:5301; else nginx_conf 127.0.0.1:5301 127.0.0.1:5302; fi
  run "$round: learner course page" "$page" "Cookie: $cookie" "$seconds"
  run "$round: GET /api/v1/me/enrolments" "$api" "Authorization: Bearer $bearer" "$seconds"
done
nginx_conf 127.0.0.1:5301 127.0.0.1:5302

# Node b dies while it runs a job: at a quarter of the run demo-admin asks for six ZIPs of every certificate (background
# jobs of a few seconds each), and a watcher reads Hangfire's state until b is processing a job, then kills b (SIGKILL; at three quarters of the run if b never ran one).
run_for=$(( seconds * 4 ))
echo "two nodes, $run_for s on the course page; node b (pid $b) killed with SIGKILL while it runs a job"
: > "$work/killed-jobs"
admin="$work/admin.jar"; lms_sign_in demo-admin "$admin" > /dev/null
(
  sleep "$seconds"
  # Work that takes a while: ZIPs of all 577 certificates, built in the background, some of them on b.
  for i in 1 2 3 4 5 6; do
    curl -s -b "$admin" -c "$admin" -o /dev/null --data-urlencode "__RequestVerificationToken=$(lms_form_token "$admin" "$base/admin/certificates")" \
      "$base/admin/certificates?handler=Zip"
  done
  deadline=$(( $(date +%s) + seconds * 2 )); running=
  while [ -z "$running" ] && [ "$(date +%s)" -lt "$deadline" ]; do
    running=$(pg -d $db -c "select string_agg(j.id::text, ',') from hangfire.job j join hangfire.state s on s.id = j.stateid
                            where j.statename = 'Processing' and s.data::json->>'ServerId' like '%:$b:%'")
    [ -n "$running" ] || sleep 0.2
  done
  kill -9 "$b"
  echo "$running" > "$work/killed-jobs"
  echo "  node b killed at $(date +%T), $([ -n "$running" ] && echo "while running job $running" || echo 'while running no job')"
) &
run "two nodes, b killed under load: learner course page" "$page" "Cookie: $cookie" "$run_for"
wait
curl -s -o /dev/null -w "  after the kill: %{http_code} from the course page through nginx\n" -H "Cookie: $cookie" "$page"

# Jobs: the job b was running goes back to the queue after the invisibility timeout (1 minute here) and runs on a;
# the minute's occurrences due while b died run on a. Then Hangfire's own history is read.
killed=$(cat "$work/killed-jobs")
echo "waiting for the scheduled occurrences (70 s)$([ -n "$killed" ] && echo " and for job $killed to run again on node a")"
sleep 70
for i in $(seq 1 60); do
  [ -z "$killed" ] || [ "$(pg -d $db -c "select count(*) from hangfire.job where id in ($killed) and statename <> 'Succeeded'")" = 0 ] && break
  sleep 5
done
pg -d $db -F ' ' -c "
  with runs as (
    select j.id, split_part(j.invocationdata::json->>'Type', ',', 1) || '.' || (j.invocationdata::json->>'Method') as job, j.statename,
           count(*) filter (where s.name = 'Processing') as processing, count(*) filter (where s.name = 'Succeeded') as succeeded
    from hangfire.job j join hangfire.state s on s.jobid = j.id group by j.id)
  select 'jobs: ' || count(*) || ' created, ' || count(*) filter (where succeeded = 1) || ' succeeded exactly once, '
         || count(*) filter (where succeeded > 1) || ' succeeded more than once, ' || count(*) filter (where succeeded = 0) || ' not (yet) succeeded ('
         || coalesce(string_agg(distinct statename, ',') filter (where succeeded = 0), '-') || '); started twice: '
         || coalesce(string_agg(id::text, ',') filter (where processing > 1), 'none') from runs;
  select '  ' || job || ': ' || count(*) || ' runs' from (
    select split_part(j.invocationdata::json->>'Type', ',', 1) || '.' || (j.invocationdata::json->>'Method') as job from hangfire.job j) x group by job order by job;"
[ -z "$killed" ] || pg -d $db -F ' ' -c "
  select '  job ' || j.id || ' (' || split_part(j.invocationdata::json->>'Type', ',', 1) || '): ' || string_agg(s.name || ' on '
         || coalesce(split_part(s.data::json->>'ServerId', ':', 2), '-') || ' at ' || to_char(s.createdat, 'HH24:MI:SS'), ', ' order by s.id)
  from hangfire.job j join hangfire.state s on s.jobid = j.id where j.id in ($killed) group by j.id, j.invocationdata;"
echo "  certificate ZIPs: $(pg -d $db -c "select count(*) || ' asked for, ' || count(*) filter (where \"Status\" = 2) || ' ready' from certificates_exports")"
echo "  reminder messages: $(pg -d $db -c "select count(*) from notifications_messages") (duplicates are refused by their unique key);" \
  "certificates: $(pg -d $db -c "select count(*) from certificates_certificates")"
echo "  servers that ran jobs: $(pg -d $db -c "select string_agg(distinct s.data::json->>'ServerId', ', ') from hangfire.state s where s.name = 'Processing'")"
echo "logs kept in $work"
trap - EXIT; cleanup
