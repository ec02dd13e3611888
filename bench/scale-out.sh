#!/usr/bin/env bash
# Two nodes on one PostgreSQL behind nginx (issue: Operations). Starts two host processes at once on a fresh database
# (one installs the demo city while the other waits on the start-up lock), puts nginx in front, and measures with wrk:
#   1. one node alone behind nginx, then both: requests a second on a learner page and the learner API;
#   2. both under load while node B is killed (SIGKILL) halfway: errors seen by the clients;
#   3. Hangfire: the reminder sweep and the certificate reconciliation scheduled every minute on both nodes through
#      the run; afterwards every job created must have run exactly once (one Processing and one Succeeded state).
# Each node is pinned to one core (taskset) to stand for one machine each: on 2 cores, two unpinned processes would
# only share what one already uses. PostgreSQL, nginx and wrk float.
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

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

start_node() { # name port core -> pid
  # (env: the job ids' hyphens are not allowed in a shell assignment)
  env ASPNETCORE_ENVIRONMENT=Production Lms__DataDirectory="$work/$1" Lms__SharedDirectory="$work/shared" \
    Lms__Database__Provider=Postgres ConnectionStrings__Lms="$LMS_BENCH_POSTGRES;Database=$db" \
    Lms__ForwardedHeaders__Enabled=true Lms__Jobs__WorkerCount=2 \
    "Lms__Jobs__Schedules__reminder-sweep=* * * * *" "Lms__Jobs__Schedules__certificates-reconcile=* * * * *" \
    taskset -c "$3" dotnet src/Host/Lms.Host/bin/Release/net10.0/Lms.Host.dll --contentRoot "$PWD/src/Host/Lms.Host" \
    --urls "http://127.0.0.1:$2" > "$work/$1.log" 2>&1 &
  echo $!
}
started=$(date +%s)
a=$(start_node a 5301 0); pids+=("$a")
b=$(start_node b 5302 1); pids+=("$b")
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
jar="$work/staff.jar"
token=$(curl -s -c "$jar" "$base/account/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Login=demo-staff" --data-urlencode "Password=Demo-2026!" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in"
cookie=$(grep -v "^# " "$jar" | awk '$6 == "lms.auth" {print $6"="$7}')
[ -n "$cookie" ] || { echo "sign-in through nginx failed"; exit 1; }
bearer=$(curl -s -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' -d '{"userName":"demo-staff","password":"Demo-2026!"}' \
  | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
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
nginx_conf 127.0.0.1:5301
run "one node: learner course page" "$page" "Cookie: $cookie" "$seconds"
run "one node: GET /api/v1/me/enrolments" "$api" "Authorization: Bearer $bearer" "$seconds"
nginx_conf 127.0.0.1:5301 127.0.0.1:5302
run "two nodes: learner course page" "$page" "Cookie: $cookie" "$seconds"
run "two nodes: GET /api/v1/me/enrolments" "$api" "Authorization: Bearer $bearer" "$seconds"

kill_after=$(( seconds ))
echo "two nodes, $(( seconds * 2 )) s on the course page; node b (pid $b) killed with SIGKILL after $kill_after s"
( sleep "$kill_after"; kill -9 "$b"; echo "  node b killed at $(date +%T)" ) &
run "two nodes, b killed halfway: learner course page" "$page" "Cookie: $cookie" $(( seconds * 2 ))
wait
curl -s -o /dev/null -w "  after the kill: %{http_code} from the course page through nginx\n" -H "Cookie: $cookie" "$page"

# Jobs: let the minute's occurrences that were due while b died be picked up by a, then read Hangfire's history.
echo "waiting 70 s for the last scheduled occurrences to run on node a"
sleep 70
pg -d $db -F ' ' -c "
  with runs as (
    select j.id, split_part(j.invocationdata::json->>'Type', ',', 1) || '.' || (j.invocationdata::json->>'Method') as job, j.statename,
           count(*) filter (where s.name = 'Processing') as processing, count(*) filter (where s.name = 'Succeeded') as succeeded
    from hangfire.job j join hangfire.state s on s.jobid = j.id group by j.id)
  select 'jobs: ' || count(*) || ' created, ' || count(*) filter (where processing = 1 and succeeded = 1) || ' ran exactly once, '
         || count(*) filter (where processing > 1) || ' started more than once, ' || count(*) filter (where succeeded = 0) || ' not (yet) succeeded ('
         || coalesce(string_agg(distinct statename, ',') filter (where succeeded = 0), '-') || ')' from runs;
  select '  ' || job || ': ' || count(*) || ' runs' from (
    select split_part(j.invocationdata::json->>'Type', ',', 1) || '.' || (j.invocationdata::json->>'Method') as job from hangfire.job j) x group by job order by job;"
echo "  reminder messages: $(pg -d $db -c "select count(*) from notifications_messages") (duplicates are refused by their unique key);" \
  "certificates: $(pg -d $db -c "select count(*) from certificates_certificates")"
echo "  servers that ran jobs: $(pg -d $db -c "select string_agg(distinct s.data::json->>'ServerId', ', ') from hangfire.state s where s.name = 'Processing'")"
echo "logs kept in $work"
trap - EXIT; cleanup
