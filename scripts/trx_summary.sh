#!/usr/bin/env bash
# Sums the TRX result files of one test run into ONE line "N passed, N failed, N skipped" and decides the exit code:
#
#   bash scripts/trx_summary.sh RESULTS_DIR MIN_COUNTS_FILE
#
# RESULTS_DIR holds one <TestProject>.trx per test project (scripts/test.sh names them so). MIN_COUNTS_FILE lists
# "<TestProject> <minimum number of tests>" per line (# comments). The run fails (exit 1) when
#   - a test failed, errored, timed out or was aborted, or no test passed at all;
#   - a listed project has no TRX or found fewer tests than its minimum (an empty or half-discovered project);
#   - a TRX belongs to a project without a committed minimum;
#   - CI=true and a test was skipped (a skip must not pass CI silently; locally it is counted and reported).
# Reasons go to stderr; the last stdout line is always the summary. Kept apart from test.sh so that its own test
# (tests/GluteSense.Cli.Tests/CiScriptTests.cs) can run it on crafted TRX files without running the suite.
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: trx_summary.sh RESULTS_DIR MIN_COUNTS_FILE" >&2
  exit 2
fi
results_dir=$1
min_counts=$2

# One counter of a <Counters .../> element, 0 when absent.
counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2" | head -n 1 | grep . || echo 0; }

passed=0
failed=0
skipped=0
problems=0
declare -A minimum=()
if [ ! -f "$min_counts" ]; then
  echo "no minimum test counts file $min_counts" >&2
  problems=1
else
  while read -r project count _; do
    [ -z "${project:-}" ] && continue
    case "$project" in \#*) continue ;; esac
    if ! [[ "${count:-}" =~ ^[1-9][0-9]*$ ]]; then
      echo "$min_counts: minimum for $project must be a positive integer, got '${count:-}'" >&2
      problems=1
      continue
    fi
    minimum[$project]=$count
  done <"$min_counts"
fi

shopt -s nullglob
declare -A seen=()
for trx in "$results_dir"/*.trx; do
  project=$(basename "$trx" .trx)
  seen[$project]=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  if [ -z "$counters" ]; then
    echo "$project: no counters in $trx (the run did not finish)" >&2
    problems=1
    continue
  fi
  total=$(counter total "$counters")
  executed=$(counter executed "$counters")
  p=$(counter passed "$counters")
  f=$(( $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters") ))
  # xunit's TRX logger reports a skipped test as not executed (outcome NotExecuted) without counting it under
  # notExecuted; total - executed counts it either way.
  s=$((total - executed))
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  if [ -z "${minimum[$project]:-}" ]; then
    echo "$project: no minimum test count in $min_counts" >&2
    problems=1
  elif [ "$total" -lt "${minimum[$project]}" ]; then
    echo "$project: found $total tests, fewer than its minimum ${minimum[$project]}" >&2
    problems=1
  fi
  if [ "$s" -gt 0 ]; then
    echo "$project: $s skipped test(s)" >&2
  fi
done

for project in "${!minimum[@]}"; do
  if [ -z "${seen[$project]:-}" ]; then
    echo "$project: no test results (expected at least ${minimum[$project]} tests)" >&2
    problems=1
  fi
done

# Why each failed test failed (the CI log keeps only the end of the output, where this lands).
if [ "$failed" -ne 0 ] && command -v python3 >/dev/null; then
  python3 "$(dirname "$0")/trx_failures.py" "$results_dir"
fi

rc=0
if [ "$problems" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  rc=1
fi
if [ "${CI:-}" = "true" ] && [ "$skipped" -ne 0 ]; then
  echo "CI=true: $skipped skipped test(s) fail the run" >&2
  rc=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
