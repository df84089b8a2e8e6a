#!/usr/bin/env bash
# Runs each test project in turn (not in parallel: several of them train models, and the
# wall-clock bounds of the others must not measure a neighbour's CPU), then prints one total line.
set -uo pipefail
cd "$(dirname "$0")/.."
config="${1:-Release}"
# Tests train in many processes and threads at once on two cores. OpenMP's default waits by spinning, so a torch
# thread waiting at a barrier burns the core its descheduled partner needs; passive waiting gives it back. It changes
# no result (the same seed and thread count give the same weights), only how the cores are shared.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
log=$(mktemp)
status=0
# Each project's wall time, printed again at the end: make test has a 20-minute budget on CI's two cores,
# and this is where to look first when it grows.
times=()
for project in tests/*/FedAvg.*.Tests.csproj; do
  echo "== $project"
  start=$SECONDS
  dotnet test "$project" -c "$config" --no-build --logger "console;verbosity=minimal" 2>&1 | tee -a "$log" || status=1
  times+=("$(printf '%5ds  %s' $((SECONDS - start)) "$(basename "$project" .csproj)")")
done
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# Name every failed test again at the end, so a failure in a long log (CI's) is never lost.
if grep -qE '^\s+Failed [A-Za-z]' "$log"; then
  echo "failed tests:"
  grep -E '^\s+Failed [A-Za-z]' "$log" | sed -E 's/^\s+Failed /  /'
  # With each one's error message (not its stack trace): CI keeps only the end of the log.
  echo "why they failed:"
  awk '/^[[:space:]]+Failed [A-Za-z]/ { show = 1; lines = 0 } /^[[:space:]]+Stack Trace:/ { show = 0 }
       show && lines++ < 25 { print }' "$log"
fi
rm -f "$log"
echo "time per project:"
printf '  %s\n' "${times[@]}"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
