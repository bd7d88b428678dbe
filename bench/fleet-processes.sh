#!/usr/bin/env bash
# Fleet of processes: one `esp-prov device --count N` (sec2, loopback) provisioned by N concurrent esp-prov
# processes, one per device. Prints "N processes: wall W ms (first start to last exit), F failures".
#
#   bash bench/fleet-processes.sh ESP_PROV_BINARY [N]
#
# Loopback only; the wait for the fleet is bounded (20 s), every client has its own timeout, and the device
# process is stopped on exit.
set -euo pipefail
binary="$1"; count="${2:-100}"
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
"$binary" device --count "$count" --port "$port" --sec-ver 2 --connect-after 1 --no-auto-stop >"$work/device.log" 2>&1 &
device_pid=$!
trap 'kill "$device_pid" 2>/dev/null || true; wait "$device_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 200); do
  [ "$(grep -c '^==== Simulated device' "$work/device.log" || true)" -ge "$count" ] && break
  sleep 0.1
done
[ "$(grep -c '^==== Simulated device' "$work/device.log" || true)" -ge "$count" ] || { echo "the fleet of $count did not start in 20 s" >&2; tail -5 "$work/device.log" >&2; exit 1; }

start=$(date +%s%N)
pids=()
for ((i = 0; i < count; i++)); do
  "$binary" --transport softap --service_name "127.0.0.1:$((port + i))" --sec_ver 2 --sec2_username wifiprov --sec2_pwd abcd1234 \
    --non-interactive --ssid "Fleet$i" --passphrase fleetpass1 >"$work/client-$i.log" 2>&1 &
  pids+=($!)
done
failures=0
for pid in "${pids[@]}"; do
  wait "$pid" || failures=$((failures + 1))
done
end=$(date +%s%N)
echo "$count processes: wall $(((end - start) / 1000000)) ms (first start to last exit), $failures failures"
