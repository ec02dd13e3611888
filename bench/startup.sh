#!/usr/bin/env bash
# Start-up time of the site, from launching the process until /health answers Healthy.
#   first start: empty data directory (migrations, setup and demo recipes, Hangfire storage)
#   later start: the same data directory again
# Usage: bench/startup.sh [runs]   (Release build; SQLite, the embedded default)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
dotnet build src/Host/Lms.Host -c Release -nologo -v quiet
host=src/Host/Lms.Host/bin/Release/net10.0/Lms.Host.dll
port=5179

measure() { # data directory -> seconds until Healthy
  local dir=$1 start end
  start=$(date +%s.%N)
  ASPNETCORE_ENVIRONMENT=Production Lms__DataDirectory="$dir" dotnet "$host" --contentRoot "$PWD/src/Host/Lms.Host" --urls "http://127.0.0.1:$port" > "$dir.log" 2>&1 &
  local pid=$!
  until curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"status": "Healthy"'; do
    sleep 0.05
    kill -0 "$pid" 2>/dev/null || { cat "$dir.log"; exit 1; }
  done
  end=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}

printf 'run  first-start(s)  later-start(s)\n'
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d -u /tmp/lms-bench-XXXX)
  first=$(measure "$dir")
  later=$(measure "$dir")
  printf '%3d  %14.2f  %14.2f\n' "$i" "$first" "$later"
  rm -rf "$dir" "$dir.log"
done
