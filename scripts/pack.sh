#!/usr/bin/env bash
# Writes the NuGet packages into artifacts/packages/ (gitignored): the firmware core, the four host assemblies
# (GluteSense.Host, .Devices, .Simulation, .Reports) and the CLI as a dotnet tool (package GluteSense.Cli, command
# `glutesense`). Install the tool from there with
#   dotnet tool install GluteSense.Cli --add-source artifacts/packages --tool-path ~/.glutesense
# With --check it then does exactly that into a temporary tool path and runs `glutesense --help` from it (CI runs
# this; the packages' own dependencies come from the NuGet registry).
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: scripts/pack.sh [--check]" >&2; exit 2 ;;
esac

out=artifacts/packages
rm -rf "$out"
mkdir -p "$out"
projects=(
  firmware/GluteSense.Firmware.Core
  host/GluteSense.Host
  host/GluteSense.Host.Devices
  host/GluteSense.Host.Simulation
  host/GluteSense.Host.Reports
  host/GluteSense.Cli
)
for project in "${projects[@]}"; do
  dotnet pack "$project" -c Release -nologo -v:q -o "$out"
done
ls -1 "$out"

if [ "$check" = true ]; then
  version=$(sed -n 's/.*<VersionPrefix>\(.*\)<\/VersionPrefix>.*/\1/p' Directory.Build.props)
  # NuGet never re-extracts a package id+version it has seen: drop our own packages from the global folder so the
  # install below takes the ones just packed, not an older build with the same version.
  global=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
  for id in glutesense.cli glutesense.firmware.core glutesense.host glutesense.host.devices glutesense.host.simulation glutesense.host.reports; do
    rm -rf "${global:?}/$id/$version"
  done
  tools=$(mktemp -d)
  trap 'rm -rf "$tools"' EXIT
  dotnet tool install GluteSense.Cli --version "$version" --add-source "$out" --tool-path "$tools" >/dev/null
  help=$("$tools/glutesense" --help)
  for command in analyze compare audit simulate live; do
    grep -qE "^\s+$command\s" <<<"$help" || { echo "pack check: the installed glutesense --help does not list '$command'" >&2; exit 1; }
  done
  echo "pack check: GluteSense.Cli $version installed from $out into a temporary tool path; glutesense --help lists the commands"
fi
