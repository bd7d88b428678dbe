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
source "$(dirname "$0")/fleet-start.sh"
start_fleet "$binary" "$count" --connect-after 1

# CPU (user + system, clock ticks) of the device process and of this shell's finished children (the clients).
ticks=$(getconf CLK_TCK)
device_cpu() { awk '{print $14 + $15}' "/proc/$device_pid/stat"; }
device_before=$(device_cpu)
start=$(date +%s%N)
pids=()
for ((i = 0; i < count; i++)); do
  "$binary" --transport softap --service_name "127.0.0.1:${ports[$i]}" --sec_ver 2 --sec2_username wifiprov --sec2_pwd abcd1234 \
    --non-interactive --ssid "Fleet$i" --passphrase fleetpass1 >"$work/client-$i.log" 2>&1 &
  pids+=($!)
done
failures=0
for pid in "${pids[@]}"; do
  wait "$pid" || failures=$((failures + 1))
done
end=$(date +%s%N)
device_after=$(device_cpu)
times >"$work/times"  # the builtin, in this shell: its second line is the children's user and system time
clients_cpu=$(tail -n 1 "$work/times" | python3 -c 'import re,sys; print("%.2f" % sum(int(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", sys.stdin.read())))')
echo "$count processes: wall $(((end - start) / 1000000)) ms (first start to last exit), $failures failures; CPU: clients $clients_cpu s, device $(python3 -c "print(f'{($device_after - $device_before) / $ticks:.2f}')") s; 1-minute load average $(cut -d' ' -f1 /proc/loadavg)"
