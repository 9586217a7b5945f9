#!/usr/bin/env bash
# Provisions a board's BLE passkey at flashing (docs/security.md): draws a 6-digit passkey from the kernel's CSPRNG
# (or takes --passkey), writes it as an ESP-IDF NVS partition CSV (namespace "glutesense", u32 key "passkey": what
# NativeBoardStore.ReadPasskey reads, gs_native.h GS_STORE_NAMESPACE / GS_STORE_PASSKEY_KEY) and prints the label
# text and the ESP-IDF commands that turn the CSV into the nvs partition image and write it to the board.
# Run it after `glutesense flash` (writing the image replaces the whole nvs partition: bonds stored there are gone,
# so hosts pair again).
# Usage: provision-passkey.sh --out FILE.csv [--passkey NNNNNN] [--serial PORT] [--chip esp32|esp32s3]
set -euo pipefail

# The nvs partition of every nanoFramework ESP32/ESP32-S3 partition table (nf-interpreter
# targets/ESP32/_IDF/<series>/partitions_nanoclr_*.csv: "nvs, data, nvs, 0x9000, 0x6000"; firmware/GluteSense.Native
# README, "Passkey provisioning", names the commit read).
readonly nvs_offset=0x9000
readonly nvs_size=0x6000
readonly store_namespace=glutesense
readonly passkey_key=passkey
readonly passkey_count=1000000            # 000000..999999
readonly uniform_limit=4294000000         # largest multiple of passkey_count <= 2^32: no modulo bias

fail() { echo "provision-passkey.sh: $*" >&2; exit 1; }

out="" passkey="" port="/dev/ttyUSB0" chip="esp32"
while [ $# -gt 0 ]; do
  case "$1" in
    --out|--passkey|--serial|--chip) [ $# -ge 2 ] || fail "$1 needs a value"; ;;&
    --out) out="$2"; shift 2 ;;
    --passkey) passkey="$2"; shift 2 ;;
    --serial) port="$2"; shift 2 ;;
    --chip) chip="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument '$1' (usage: --out FILE.csv [--passkey NNNNNN] [--serial PORT] [--chip esp32|esp32s3])" ;;
  esac
done

# Validate everything before writing anything.
[ -n "$out" ] || fail "--out FILE.csv is required (the NVS CSV to write)"
case "$out" in *.csv) ;; *) fail "--out '$out' must end in .csv" ;; esac
[ -e "$out" ] && fail "$out exists: a passkey already printed on a label must not be overwritten by accident; remove it first"
[ -d "$(dirname "$out")" ] || fail "folder $(dirname "$out") does not exist"
case "$chip" in esp32|esp32s3) ;; *) fail "--chip '$chip' is not esp32 or esp32s3 (the nanoFramework BLE targets)" ;; esac
case "$port" in ''|*[[:space:]]*) fail "--serial '$port' is not a serial port name" ;; esac
if [ -n "$passkey" ]; then
  [[ "$passkey" =~ ^[0-9]{6}$ ]] || fail "--passkey '$passkey' is not 6 digits (000000..999999)"
else
  [ -r /dev/urandom ] || fail "/dev/urandom is not readable: give --passkey"
  while :; do
    draw=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
    [ "$draw" -lt "$uniform_limit" ] && break
  done
  passkey=$(printf '%06d' $((draw % passkey_count)))
fi

value=$((10#$passkey))
bin="${out%.csv}.bin"
# The CSV holds the secret: owner-only, like the recording database.
(umask 077 && printf 'key,type,encoding,value\n%s,namespace,,\n%s,data,u32,%d\n' \
  "$store_namespace" "$passkey_key" "$value" > "$out")

echo "passkey: $passkey"
echo "label: GluteSense passkey $passkey"
echo "wrote $out (mode 0600; it holds the passkey: delete it and $bin after flashing)"
echo "with ESP-IDF's environment loaded (export.sh), write it to the board on $port:"
echo "\$ python \"\$IDF_PATH/components/nvs_flash/nvs_partition_generator/nvs_partition_gen.py\" generate \"$out\" \"$bin\" $nvs_size"
echo "\$ esptool.py --chip $chip --port $port write_flash $nvs_offset \"$bin\""
echo "then bond once per computer: glutesense pair --passkey $passkey"
