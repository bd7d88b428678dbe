#!/usr/bin/env bash
# Measures esp-prov on this machine and prints the markdown tables of docs/performance.md; the raw output of
# every step is kept under bench/results/<date>-<machine>/ (the summary there too, as summary.md).
#
#   bash bench/run.sh [--quick] [--no-micro]
#
# 1. Publishes the CLI twice: framework-dependent JIT (bench/out/jit) and Native AOT (bench/out/aot);
#    AOT publish warnings are printed verbatim (none expected: the csproj treats them as errors).
# 2. CLI cold start (--help, --version), JIT vs AOT, with hyperfine (installed from Debian when missing) or a
#    bounded loop; the median is the figure the project's 8 ms target is about.
# 3. End-to-end sec2 provisioning (--ssid given) against `esp-prov device --connect-after 1` (a device that
#    answers Connected on the first status poll; AOT, loopback), process start included, JIT vs AOT; the device
#    is put back into provisioning with --reprov before each timed run.
# 4. Peak RSS of one provisioning run (/usr/bin/time -v), JIT and AOT.
# 5. Fleets: 100 concurrent AOT processes against `esp-prov device --count 100` (bench/fleet-processes.sh);
#    one AOT `esp-prov batch` of those 100 devices at --concurrency 16 (bench/batch.sh);
#    the simulator's RSS per idle device (RSS of --count 1000 minus --count 10, over 990); the in-process load
#    generator provisioning 10, 100 and 1,000 sec2 devices (EspProv.Benchmarks fleet N).
# 6. Simulator sessions/s: clients in the same process, and a device-only `esp-prov device` with the clients in
#    another process (its CPU per session read from /proc).
# 7. Unless --no-micro: BenchmarkDotNet, short in-process runs (3 iterations): ModPow against OpenSSL, handshake
#    CPU per side, record ciphers.
# Loopback only; every loop is bounded in count and time; the device processes are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0; micro=1
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-micro) micro=0 ;;
  esac
done
runs=$([ $quick = 1 ] && echo 5 || echo 30)
out=bench/out
results="${BENCH_RESULTS:-bench/results/$(date -u +%Y-%m-%d)-$(hostname -s)}"  # BENCH_RESULTS keeps an earlier run of the day
mkdir -p "$out" "$results"

if ! command -v hyperfine >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1; } || true
fi
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 || true
fi

echo "## Build" >&2
dotnet publish src/EspProv.Cli -c Release -p:PublishAot=false -o "$out/jit" --nologo -v q >/dev/null
dotnet publish src/EspProv.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" --nologo >"$out/aot-publish.log" 2>&1 \
  || { cat "$out/aot-publish.log" >&2; exit 1; }
cp "$out/aot-publish.log" "$results/"
aot_warnings=$(grep -E 'warning (IL|AOT|CS)[0-9]+' "$out/aot-publish.log" | sort -u || true)
dotnet build bench/EspProv.Benchmarks -c Release --nologo -v q >/dev/null
jit="$out/jit/esp-prov"
aot="$out/aot/esp-prov"
bench_dll="bench/EspProv.Benchmarks/bin/Release/net10.0/EspProv.Benchmarks.dll"

# Median, mean and stddev in ms of a command, via hyperfine (JSON kept) or a bounded loop.
measure() {
  local name="$1"; shift
  local prepare="$1"; shift
  if command -v hyperfine >/dev/null 2>&1; then
    local args=(--runs "$runs" --warmup 3 -N --export-json "$results/$name.json")
    [ -n "$prepare" ] && args+=(--prepare "$prepare")
    hyperfine "${args[@]}" "$*" >/dev/null 2>&1 || { echo "n/a"; return; }
    python3 -c "import json;r=json.load(open('$results/$name.json'))['results'][0];print(f\"{r['median']*1000:.1f} (mean {r['mean']*1000:.1f} ± {r['stddev']*1000:.1f})\")"
  else
    local i start end times=()
    for ((i = 0; i < runs; i++)); do
      [ -n "$prepare" ] && bash -c "$prepare" >/dev/null 2>&1
      start=$(date +%s%N); bash -c "$*" >/dev/null 2>&1; end=$(date +%s%N)
      times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" >"$results/$name.txt"
    echo "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}') (median of $runs, bounded loop incl. bash)"
  fi
}

# Resident set size of a process, in KiB.
rss_of() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }

# Starts `esp-prov device` with the given arguments, each device on a free port the system picks, and waits
# (bounded, 30 s) for N banners. Sets device_pid and device_ports (in device order). Device logs stay in
# bench/out (a request line each: megabytes); the results keep what was measured from them.
start_device() {
  local count="$1" log="$2"; shift 2
  "$aot" device --count "$count" --port 0 "$@" >"$log" 2>&1 &
  device_pid=$!
  for _ in $(seq 1 300); do
    if [ "$(grep -c '^==== Simulated device' "$log" || true)" -ge "$count" ]; then
      device_ports=$(sed -n 's|^Transport: http://127.0.0.1:\([0-9]*\)/$|\1|p' "$log" | tr '\n' ',' | sed 's/,$//')
      return 0
    fi
    sleep 0.1
  done
  echo "esp-prov device --count $count did not start in 30 s" >&2
  tail -5 "$log" >&2
  return 1
}
device_pid=""
stop_device() { [ -n "$device_pid" ] || return 0; kill "$device_pid" 2>/dev/null || true; wait "$device_pid" 2>/dev/null || true; }
trap 'stop_device' EXIT

echo "## Cold start" >&2
help_jit=$(measure help-jit "" "$jit --help")
help_aot=$(measure help-aot "" "$aot --help")
version_jit=$(measure version-jit "" "$jit --version")
version_aot=$(measure version-aot "" "$aot --version")

echo "## End to end" >&2
start_device 1 "$out/device-e2e.log" --sec-ver 2 --no-auto-stop --connect-after 1
client_args="--transport softap --service_name 127.0.0.1:$device_ports --sec_ver 2 --sec2_username wifiprov --sec2_pwd abcd1234 --non-interactive"
reprov="$aot $client_args --reprov"
provision_jit=$(measure e2e-jit "$reprov" "$jit $client_args --ssid BenchNet --passphrase benchpass1")
provision_aot=$(measure e2e-aot "$reprov" "$aot $client_args --ssid BenchNet --passphrase benchpass1")
rss() {
  $reprov >/dev/null 2>&1 || true
  /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'
}
rss_jit=$(rss $jit $client_args --ssid BenchNet --passphrase benchpass1)
rss_aot=$(rss $aot $client_args --ssid BenchNet --passphrase benchpass1)
stop_device

echo "## Fleets" >&2
fleet_processes=$( (bash bench/fleet-processes.sh "$aot" 100 2>&1 || true) | tee "$results/fleet-processes.txt" | tail -n 1)
batch_100=$( (bash bench/batch.sh "$aot" 100 16 2>&1 || true) | tee "$results/batch-100.txt" | tail -n 1)
start_device 10 "$out/device-10.log" --sec-ver 2 --no-auto-stop
sleep 1; rss_10=$(rss_of "$device_pid"); stop_device
start_device 1000 "$out/device-1000.log" --sec-ver 2 --no-auto-stop
sleep 1; rss_1000=$(rss_of "$device_pid"); fds_1000=$(ls "/proc/$device_pid/fd" | wc -l); stop_device
per_device=$(( (rss_1000 - rss_10) / 990 ))
echo "RSS --count 10: $rss_10 KiB; --count 1000: $rss_1000 KiB ($fds_1000 descriptors); per idle device: $per_device KiB" >"$results/device-rss.txt"
fleet_rows=""
for n in 10 100 1000; do
  line=$( (dotnet "$bench_dll" fleet "$n" 64 2>&1 || true) | tee "$results/fleet-$n.txt" | tail -n 1)
  fleet_rows+="| $n | $(sed -E 's/.*wall ([0-9.]+ s).*CPU ([0-9.]+ s).*peak RSS ([0-9]+ MiB).*failures ([0-9]+).*load average ([0-9.]+).*/\1 | \2 | \3 | \4 | \5/' <<<"$line") |"$'\n'
done

echo "## Simulator throughput" >&2
seconds=$([ $quick = 1 ] && echo 5 || echo 15)
throughput=$( (dotnet "$bench_dll" throughput "$seconds" 4 || true) | tee "$results/throughput-in-process.txt")
# 16 devices, one client each: a device serves one session at a time, so its clients' round trips, not its CPU,
# would cap a fleet of 4.
start_device 16 "$out/device-throughput.log" --sec-ver 2 --no-auto-stop
cpu_before=$(awk '{print $14 + $15}' "/proc/$device_pid/stat")
remote=$( (dotnet "$bench_dll" throughput-remote "$seconds" "$device_ports" || true) | tee "$results/throughput-device-only.txt")
cpu_after=$(awk '{print $14 + $15}' "/proc/$device_pid/stat")
stop_device
remote_sessions=$(sed -E 's/^sec2 sessions: ([0-9]+) .*/\1/' <<<"$remote")
ticks=$(getconf CLK_TCK)
device_cpu_ms=$(python3 -c "print(f'{($cpu_after - $cpu_before) * 1000 / $ticks / max(1, $remote_sessions):.1f}')")
echo "device process CPU: $((cpu_after - cpu_before)) ticks of 1/$ticks s for $remote_sessions sessions = $device_cpu_ms ms per session" >>"$results/throughput-device-only.txt"

if [ $micro = 1 ]; then
  echo "## BenchmarkDotNet" >&2
  (cd "$out" && dotnet "../../$bench_dll" --filter '*ModPow*' '*Handshake*' '*Cipher*' >"micro.log" 2>&1) || true
  cp "$out/micro.log" "$results/"
  find "$out/BenchmarkDotNet.Artifacts/results" -name '*-report-github.md' -exec cp {} "$results/" \; 2>/dev/null || true
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
{
echo "Machine: $(hostname -s), $(nproc) cores, $cpu; $(dotnet --version) SDK; $(date -u '+%Y-%m-%d %H:%M UTC'); 1-minute load average at the end $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| measure | JIT | Native AOT |"
echo "| --- | ---: | ---: |"
echo "| CLI cold start, \`--help\`, median (ms) | $help_jit | $help_aot |"
echo "| CLI cold start, \`--version\`, median (ms) | $version_jit | $version_aot |"
echo "| provisioning sec2 end to end incl. process start, device Connected at the first poll, median (ms) | $provision_jit | $provision_aot |"
echo "| peak RSS of one provisioning run (MiB) | $(( ${rss_jit:-0} / 1024 )) | $(( ${rss_aot:-0} / 1024 )) |"
echo
echo "Fleet of processes (AOT, sec2): $fleet_processes"
echo
echo "esp-prov batch (AOT, sec2): $batch_100"
echo
echo "Simulator memory: $(cat "$results/device-rss.txt")"
echo
echo "| devices (in-process load generator, sec2, 64 at a time) | wall | CPU | peak RSS | failures | load average |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s' "$fleet_rows"
echo
echo "Simulator throughput, clients in the same process: $throughput"
echo
echo "Device-only simulator (esp-prov device --count 16, AOT), clients in another process: $remote; device CPU $device_cpu_ms ms per session"
jit_size=$(find "$out/jit" -type f ! -name '*.pdb' ! -name '*.xml' -print0 | du -ch --files0-from=- | tail -n 1 | cut -f1)
echo
echo "AOT binary: $(du -h "$aot" | cut -f1); JIT app and libraries without .pdb/.xml: $jit_size (plus the shared runtime); AOT publish warnings: ${aot_warnings:-none}"
if [ $micro = 1 ]; then
  echo
  find "$out/BenchmarkDotNet.Artifacts/results" -name '*-report-github.md' -print0 2>/dev/null | sort -z | xargs -0 -r cat
fi
} | tee "$results/summary.md"
