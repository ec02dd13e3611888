#!/usr/bin/env bash
# Roster import benchmark: a generated 50,000-row roster through `roster import` (the same code as
# the admin screen and the API), first load and a re-import with 5% of people moved.
# Usage: bench/roster-import.sh [rows]          SQLite in a fresh data directory
#        LMS_BENCH_POSTGRES="Host=...;Database=lms_bench;Username=..." bench/roster-import.sh [rows]   PostgreSQL too
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-50000}
work=$(mktemp -d /tmp/lms-roster-bench-XXXX)
python3 bench/roster/generate.py "$rows" "$work/roster.csv"
python3 bench/roster/generate.py "$rows" "$work/roster-moved.csv" --move 5
dotnet build src/Host/Lms.Host -c Release -nologo -v quiet > /dev/null
host="dotnet src/Host/Lms.Host/bin/Release/net10.0/Lms.Host.dll"

run() { # label, then env assignments, then the command
  local label=$1; shift
  local out
  out=$( { /usr/bin/time -f "peak-rss-kib %M" env "$@" 2>&1; } )
  echo "$label: $(echo "$out" | grep -E '^rows ' | sed 's/^/ /') $(echo "$out" | grep -E '^peak-rss-kib' | awk '{printf "(peak RSS %.0f MiB)", $2/1024}')"
}

export ASPNETCORE_ENVIRONMENT=Production Lms__Demo__Enabled=false
echo "rows: $rows ($(du -h "$work/roster.csv" | cut -f1))"
$host jobs list --Lms:DataDirectory="$work/sqlite" > /dev/null   # set the site up first: the import alone is measured
run "sqlite first load " Lms__DataDirectory="$work/sqlite" $host roster import "$work/roster.csv" --mode full
run "sqlite re-import  " Lms__DataDirectory="$work/sqlite" $host roster import "$work/roster-moved.csv" --mode full
if [ -n "${LMS_BENCH_POSTGRES:-}" ]; then
  pg=(Lms__Database__Provider=Postgres "ConnectionStrings__Lms=$LMS_BENCH_POSTGRES" Lms__DataDirectory="$work/pg")
  env "${pg[@]}" $host jobs list > /dev/null
  run "postgres first load" "${pg[@]}" $host roster import "$work/roster.csv" --mode full
  run "postgres re-import " "${pg[@]}" $host roster import "$work/roster-moved.csv" --mode full
fi
rm -rf "$work"
