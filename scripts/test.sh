#!/usr/bin/env bash
# Runs every GluteSense test (firmware core on net10.0, nano compile guard, host, CLI) and ends with ONE line
# "N passed, N failed" computed from the TRX result files. Exit code 0 only if tests ran and none failed.
set -uo pipefail
cd "$(dirname "$0")/.."

results_dir="TestResults"
rm -rf "$results_dir"

if ! bash scripts/setup.sh; then
  echo "0 passed, 0 failed"
  exit 1
fi

# Builds everything in the solution, including firmware/GluteSense.Firmware.Core.Nano (the nano compile check).
if ! dotnet build GluteSense.sln -nologo -v:q; then
  echo "build failed"
  echo "0 passed, 0 failed"
  exit 1
fi

# One TRX per test project, named after it (a solution-wide run names TRX files by timestamp, which can collide).
test_rc=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  # A hung test (a blocked serial read, a stuck browser) fails its run after 5 min instead of eating the CI budget.
  dotnet test "$project" --no-build -nologo -v:q --blame-hang-timeout 5m --logger "trx;LogFileName=$name.trx" --results-directory "$results_dir" || test_rc=1
done

passed=0
failed=0
shopt -s nullglob
for trx in "$results_dir"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

rc=0
if [ "$test_rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  rc=1
fi
echo "$passed passed, $failed failed"
exit $rc
