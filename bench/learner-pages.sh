#!/usr/bin/env bash
# Learner pages under load: the home page (My courses) and a course page for demo-staff, the same two
# through the API, and a page with no database work (the sign-in form) as the baseline of the same host.
# The demo city (500 staff with their learning history) is installed by a first start.
# Usage: bench/learner-pages.sh [seconds-per-url] [connections]     (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-16}
port=5183
data=$(mktemp -d -u /tmp/lms-learner-bench-XXXX)
dotnet build src/Host/Lms.Host -c Release -nologo -v quiet > /dev/null
# The content root is the project folder, so appsettings.json (log levels) applies as in production.
ASPNETCORE_ENVIRONMENT=Production Lms__DataDirectory="$data" \
  dotnet src/Host/Lms.Host/bin/Release/net10.0/Lms.Host.dll --contentRoot "$PWD/src/Host/Lms.Host" --urls "http://127.0.0.1:$port" > "$data.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data" "$data.log" "$data.jar"' EXIT
until curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"status": "Healthy"'; do sleep 0.2; kill -0 $pid; done

base="http://127.0.0.1:$port"
. bench/lib.sh
cookie=$(lms_sign_in demo-staff "$data.jar")
bearer=$(lms_bearer demo-staff)
course=$(curl -s "$base/api/v1/me/enrolments" -H "Authorization: Bearer $bearer" | grep -o '"courseId":"[^"]*"' | head -1 | cut -d'"' -f4)

run() { # label, url, header
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$3" "$2")
  printf '%-34s %8s req/s   p50 %8s   p99 %8s   errors %s\n' "$1" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' | sed 's/^$/none/')"
}

echo "demo city, $seconds s per URL, $connections connections, wrk on the same 2 cores"
curl -s -o /dev/null -w "home with the cookie: %{http_code}\n" -H "Cookie: $cookie" "$base/"
run "sign-in page (no database)" "$base/account/sign-in" "X-Bench: 1"
run "home page (My courses)" "$base/" "Cookie: $cookie"
run "course page" "$base/learn/courses/$course" "Cookie: $cookie"
run "GET /api/v1/me/enrolments" "$base/api/v1/me/enrolments" "Authorization: Bearer $bearer"
run "GET /api/v1/courses/{id}" "$base/api/v1/courses/$course" "Authorization: Bearer $bearer"
