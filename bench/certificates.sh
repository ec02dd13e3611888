#!/usr/bin/env bash
# Certificate issuing benchmark (issue: Certificates): 10,000 course completions → `jobs run certificates-reconcile`.
#   1. Release build; a fresh data directory on the embedded default (SQLite); first start installs the site and the
#      Step-0 curriculum (Lms:Demo:Enabled=false).
#   2. N staff (default 10,000) through the real path: bench/roster/generate.py + `roster import --mode full`; the
#      import enrols everyone in the Step-0 core course.
#   3. Every core enrolment marked completed in SQL (completion times spread over the last 30 days).
#   4. `jobs run certificates-reconcile`: issues every missing certificate (template render, QR code, PDF with an
#      embedded font subset, file write, row + audit insert), in parallel over the machine's cores. Then the same
#      again (nothing to do) and counts, sizes and a sample PDF rendered to PNG.
# Usage: bench/certificates.sh [staff]
set -euo pipefail
cd "$(dirname "$0")/.."
staff=${1:-10000}
work=$(mktemp -d /tmp/lms-certificate-bench-XXXX)
trap 'rm -rf "$work"' EXIT
host=(dotnet src/Host/Lms.Host/bin/Release/net10.0/Lms.Host.dll)
hostcfg=(--contentRoot="$PWD/src/Host/Lms.Host")
export ASPNETCORE_ENVIRONMENT=Production Lms__Demo__Enabled=false Lms__DataDirectory="$work/data"
db="$work/data/lms.db"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
step() { printf '%-44s' "$1"; }

step "build (Release)"; t=$(now)
dotnet build src/Host/Lms.Host -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
echo "$(since "$t") s"

step "first start (site + Step-0 curriculum)"; t=$(now)
"${host[@]}" jobs list "${hostcfg[@]}" > "$work/first-start.log" 2>&1 || { cat "$work/first-start.log"; exit 1; }
echo "$(since "$t") s"

step "roster import ($staff staff)"; t=$(now)
python3 bench/roster/generate.py "$staff" "$work/roster.csv"
"${host[@]}" roster import "$work/roster.csv" --mode full "${hostcfg[@]}" > "$work/import.log" 2>&1 || { cat "$work/import.log"; exit 1; }
echo "$(since "$t") s"

step "complete the core course (SQL)"; t=$(now)
# SQLite stores DateTimeOffset with EF Core's binary converter: ((ticks / 1000) << 11) | offset minutes (0: UTC).
base_ticks=$(python3 -c "import datetime; d = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30); print(int((d - datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds()) * 10**7)")
sqlite3 "$db" <<SQL
update learning_enrolments
   set CompletedAt = (($base_ticks + (abs(random()) % (30 * 86400)) * 10000000) / 1000) << 11
 where CourseId = (select Id from courses_courses where "Key" = 'step0-core');
SQL
completed=$(sqlite3 "$db" "select count(*) from learning_enrolments where CompletedAt is not null")
echo "$(since "$t") s, $completed completed enrolments"

for run in 1 2; do
  step "jobs run certificates-reconcile ($run)"; t=$(now)
  /usr/bin/time -o "$work/time-$run" -f "%U %S %M" "${host[@]}" jobs run certificates-reconcile "${hostcfg[@]}" > "$work/run-$run.log" 2>&1 || { cat "$work/run-$run.log"; exit 1; }
  wall=$(since "$t")
  read -r user sys rss < "$work/time-$run"
  echo "$wall s wall (process), CPU user ${user} s + sys ${sys} s, peak RSS $((rss / 1024)) MB"
  grep -E 'completions|elapsed|took' "$work/run-$run.log" | sed 's/^/  /' | head -3
done

echo "certificates stored:  $(sqlite3 "$db" "select count(*) from certificates_certificates")"
echo "average PDF size:     $(sqlite3 "$db" "select cast(avg(FileSize) as int) from certificates_certificates") bytes"
echo "files on disk:        $(find "$work/data/certificates" -name '*.pdf' | wc -l), $(du -sh "$work/data/certificates" | cut -f1)"
sample=$(find "$work/data/certificates" -name '*.pdf' -print -quit)
if command -v pdftoppm > /dev/null; then
  cp "$sample" /tmp/certificate-bench-sample.pdf; pdftoppm -r 50 -png -singlefile "$sample" /tmp/certificate-bench-sample && echo "sample rendered:      /tmp/certificate-bench-sample.png"
fi
