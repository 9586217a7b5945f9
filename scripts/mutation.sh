#!/usr/bin/env bash
# Mutation testing (Stryker.NET) of the areas where a silent arithmetic slip would change a reported number:
# the firmware core's DSP and protocol, statistics, comparison, analysis metrics, streaming and export.
# Run before a release, not on every CI run (a full run takes tens of minutes on two cores):
#
#   bash scripts/mutation.sh                 # every area
#   bash scripts/mutation.sh statistics      # one or more areas by name (see AREAS below)
#   bash scripts/mutation.sh --survivors firmware-dsp   # re-run only the lines that held survivors in the last
#                                            # report, with the tests added since (artifacts/mutation/<area>.confirm;
#                                            # the table then takes those mutants' new status)
#
# Each area is one Stryker run, scoped with --mutate to the area's files and with --test-case-filter to the unit
# tests that exercise them (not the slow end-to-end analysis and accuracy tests, which would run for every mutant) (a mutant activates only inside the test process, so tests that drive the CLI as a child
# process cannot kill it). Reports go to artifacts/mutation/<area>/ (html + json); the last lines printed are the
# table rows of docs/testing.md ("| area | mutants | killed | survived | score |"), computed by
# scripts/mutation_table.py from the json reports. Exit code 1 when an area is below its target.
# Stryker rewrites the test project's bin/ while it runs: do not run `dotnet test` on the same tree meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# firmware-protocol is the wire format (CRC, byte order, framing, fragments, frames, command codec, retransmit ring);
# firmware-commands is the board's command handling and configuration on top of it.
# The firmware areas run the firmware core's unit tests of the area, not the native bit-exact comparison (a C build
# and 10 000 fuzzed blocks, 13 s), the nano/API build checks (a minute each) or the budget instrumentation: every
# mutant a test reaches runs that test, so those alone would take hours. The protocol fuzz tests run with
# GLUTESENSE_FUZZ_ITERATIONS=200 (set below unless given) instead of 10 000 cases.
dsp_tests="FullyQualifiedName~Tests.Dsp.|FullyQualifiedName~Tests.BiquadTests|FullyQualifiedName~Tests.Acquisition.EmgPipelineTests"
dsp_tests+="|FullyQualifiedName~Tests.Acquisition.ChainCheckTests"
# firmware-commands: the protocol tests without the fuzz tests and the acquisition tests that drive a BoardRuntime
# (the only acquisition code using the area's classes). With all of Tests.Protocol and Tests.Acquisition a mutant
# took 15 to 40 s (the fuzz tests and the 7 s DRDY-thread test ran for it), about 3 hours for the area; neither
# reaches the area's code.
commands_tests="(FullyQualifiedName~Tests.Protocol.&FullyQualifiedName!~ProtocolFuzzTests)"
commands_tests+="|FullyQualifiedName~Tests.Acquisition.BlockAcquisitionTests|FullyQualifiedName~Tests.Acquisition.ChainCheckTests"
commands_tests+="|FullyQualifiedName~Tests.Acquisition.StatusQualityTests"
export GLUTESENSE_FUZZ_ITERATIONS="${GLUTESENSE_FUZZ_ITERATIONS:-200}"
# name ; project under test (csproj) ; test project dir ; --mutate globs (space separated) ; test filter ; target %
AREAS=(
  "firmware-dsp;GluteSense.Firmware.Core.csproj;tests/GluteSense.Firmware.Core.Tests;**/Dsp/*.cs;$dsp_tests;90"
  "firmware-protocol;GluteSense.Firmware.Core.csproj;tests/GluteSense.Firmware.Core.Tests;**/Protocol/Crc16.cs **/Protocol/ByteIO.cs **/Protocol/SerialFraming.cs **/Protocol/Fragmenter.cs **/Protocol/FragmentReassembler.cs **/Protocol/FrameDecoder.cs **/Protocol/FrameEncoder.cs **/Protocol/CommandCodec.cs **/Protocol/RetransmitRing.cs **/Protocol/StreamPosition.cs;FullyQualifiedName~Tests.Protocol.;90"
  "firmware-commands;GluteSense.Firmware.Core.csproj;tests/GluteSense.Firmware.Core.Tests;**/Protocol/CommandHandler.cs **/Protocol/FramePublisher.cs **/Protocol/DeviceConfiguration.cs **/Protocol/FilterCommandSettings.cs;$commands_tests;75"
  "statistics;GluteSense.Host.csproj;tests/GluteSense.Host.Tests;**/Statistics/*.cs;FullyQualifiedName~Tests.Statistics.;75"
  "comparison;GluteSense.Host.csproj;tests/GluteSense.Host.Tests;**/Comparison/ExerciseComparison.cs **/Comparison/Audit.cs **/Comparison/RepValues.cs;FullyQualifiedName~ComparisonNumbersTests;75"
  "analysis-metrics;GluteSense.Host.csproj;tests/GluteSense.Host.Tests;**/Analysis/Emg/PhaseMetrics.cs **/Analysis/Onsets/*.cs;FullyQualifiedName~PhaseMetricsTests|FullyQualifiedName~OnsetDetectorTests;75"
  "streaming;GluteSense.Host.Devices.csproj;tests/GluteSense.Host.Tests;**/Streaming/StreamReassembler.cs **/Streaming/FrameCollector.cs **/Streaming/CommandResponseReader.cs;FullyQualifiedName~Tests.Streaming.;75"
  "export;GluteSense.Host.csproj;tests/GluteSense.Host.Tests;**/Export/*.cs **/Store/SessionExport.cs;FullyQualifiedName~Tests.Export.;75"
)

confirm=0
if [ "${1:-}" = "--survivors" ]; then confirm=1; shift; fi
wanted=("$@")
selected=()
for spec in "${AREAS[@]}"; do
  name=${spec%%;*}
  if [ ${#wanted[@]} -eq 0 ] || printf '%s\n' "${wanted[@]}" | grep -qx "$name"; then selected+=("$spec"); fi
done
if [ ${#selected[@]} -eq 0 ]; then
  echo "no such area: $* (areas: $(printf '%s ' "${AREAS[@]%%;*}"))" >&2
  exit 2
fi

dotnet tool restore >/dev/null
for spec in "${selected[@]}"; do
  IFS=';' read -r name project test_dir globs filter target <<<"$spec"
  out="$root/artifacts/mutation/$name"
  if [ $confirm -eq 1 ]; then
    if [ ! -f "$out/reports/mutation-report.json" ]; then echo "no report of $name to confirm" >&2; exit 2; fi
    globs=$(/usr/bin/python3 scripts/mutation_table.py --spans artifacts/mutation "$name")
    out="$out.confirm"
  fi
  rm -rf "$out"
  mutate_args=()
  set -f   # the globs are Stryker's, not the shell's
  for g in $globs; do mutate_args+=(--mutate "$g"); done
  set +f
  # An empty filter runs the whole test project; coverage analysis still runs only the tests that reach a mutant.
  if [ -n "$filter" ]; then mutate_args+=(--test-case-filter "$filter"); fi
  echo "== $name: $project, tests $test_dir ($filter)"
  # Concurrency 1: the machine is shared; Stryker's default would take every core.
  (cd "$test_dir" && dotnet stryker --project "$project" "${mutate_args[@]}" \
    --concurrency "${STRYKER_CONCURRENCY:-1}" --reporter json --reporter html --reporter progress \
    --output "$out" --skip-version-check) || echo "stryker failed for $name" >&2
done

targets=()
for spec in "${selected[@]}"; do targets+=("${spec%%;*}=${spec##*;}"); done
/usr/bin/python3 scripts/mutation_table.py artifacts/mutation "${targets[@]}"
