#!/usr/bin/env bash
# esp-prov batch against a fleet: one `esp-prov device --count N` (sec2, loopback, the simulator's default pace:
# Connected on the second status poll) and one `esp-prov batch` over a manifest of its N devices. Prints
# "batch of N at --concurrency C: S of N succeeded (exit E), wall W s, CPU U s, peak RSS R MiB; …".
#
#   bash bench/batch.sh ESP_PROV_BINARY [N] [CONCURRENCY]
#
# Loopback only; the wait for the fleet is bounded (20 s), the batch has its own per-request timeout, and the
# device process is stopped on exit.
set -euo pipefail
binary="$1"; count="${2:-100}"; concurrency="${3:-16}"
source "$(dirname "$0")/fleet-start.sh"
start_fleet "$binary" "$count"

{
  echo "name,service_name"
  for ((i = 0; i < count; i++)); do echo "dev-$i,127.0.0.1:${ports[$i]}"; done
} >"$work/factory.csv"

exit_code=0
/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$binary" batch "$work/factory.csv" --transport softap --sec_ver 2 \
  --sec2_username wifiprov --sec2_pwd abcd1234 --ssid OracleNet --passphrase secret123 --concurrency "$concurrency" \
  --report "$work/report.jsonl" --json >"$work/batch.out" 2>&1 || exit_code=$?
read -r wall user sys rss_kib <"$work/time"
succeeded=$(grep -c '"status":"success"' "$work/report.jsonl" || true)
echo "batch of $count at --concurrency $concurrency: $succeeded of $count succeeded (exit $exit_code), wall $wall s, CPU $(python3 -c "print(f'{$user + $sys:.2f}')") s, peak RSS $((rss_kib / 1024)) MiB; 1-minute load average $(cut -d' ' -f1 /proc/loadavg)"
