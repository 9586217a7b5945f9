#!/usr/bin/env bash
# Builds the portable C of the native module for the host: libglutesense_native.so (P/Invoked by the bit-exactness
# tests, `glutesense envelope --engine native` and the virtual board's self-test). The flags are the numerics
# contract with the C# reference: C99, no contraction into fused multiply-adds, no fast-math reassociation.
# Usage: build.sh OUTPUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: build.sh OUTPUT_DIR}"
mkdir -p "$out"
cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "build.sh: no C compiler ($cc); run scripts/setup.sh (installs gcc)" >&2
  exit 1
fi
"$cc" -std=c99 -O2 -ffp-contract=off -fno-fast-math -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden \
  -I "$here/include" "$here"/src/*.c "$here/host/gs_host_api.c" -o "$out/libglutesense_native.so"
