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
# r-base-core + r-cran-psych + r-cran-jsonlite: the ICC(A,1) test reruns psych::ICC (tests/fixtures/scripts/make_icc_fixture.R).
# python3-scipy + python3-statsmodels: the compare test recomputes every row with scipy/statsmodels
#   (tests/fixtures/scripts/check_compare_scipy.py, run with /usr/bin/python3); the treat-block trend test reruns
#   statsmodels' GLSAR / Newey-West (make_trend_fixture.py); the TOST / power test reruns ttost_paired and TTestPower.
# r-cran-lme4 + r-cran-lmertest: the mixed-model test reruns lme4/lmerTest (make_mixed_model_fixture.R) and the study
#   test refits the tidy export in R (fit_tidy_lme4.R).
APT_PACKAGES=(chromium chromium-driver socat python3-mne dbus gcc libc6-dev r-base-core r-cran-psych r-cran-jsonlite python3-scipy
  python3-statsmodels r-cran-lme4 r-cran-lmertest)

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
