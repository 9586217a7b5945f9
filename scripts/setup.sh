#!/usr/bin/env bash
# Installs what GluteSense's build and tests need beyond the .NET SDK, on a fresh Debian machine.
# Idempotent: installs only what is missing. NuGet packages are restored by `dotnet restore` from the
# versions in Directory.Packages.props.
set -euo pipefail

# Debian packages the test suite uses (add here, with the reason, when a test starts needing one).
# chromium + chromium-driver: the report tests open the HTML reports in headless Chromium through Selenium.
# socat: the serial transport test runs over a pseudo-terminal pair made by socat.
# python3-mne: the EDF+ export test reads the file back with MNE-Python (an independent EDF+ reader).
# dbus: the BLE transport test runs a mock BlueZ on a private bus started with dbus-daemon.
# gcc: builds the native module (firmware/GluteSense.Native) for the host bit-exactness tests and the native engine.
APT_PACKAGES=(chromium chromium-driver socat python3-mne dbus gcc libc6-dev)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (https://dot.net); global.json pins the feature band." >&2
  exit 1
fi
