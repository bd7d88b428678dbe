#!/usr/bin/env bash
# Measures esp-prov on this machine and prints a markdown table (see docs/performance.md).
#
#   bash bench/run.sh [--quick] [--no-micro]
#
# 1. Publishes the CLI twice: framework-dependent JIT (bench/out/jit) and Native AOT (bench/out/aot);
#    AOT publish warnings are printed verbatim (none expected: the csproj treats them as errors).
# 2. CLI cold start (--help), JIT vs AOT, with hyperfine (installed from Debian when missing) or a bounded loop.
# 3. End-to-end sec2 provisioning (--ssid given) against `esp-prov device` (AOT, loopback), process start
#    included, JIT vs AOT; the device is put back into provisioning with --reprov before each timed run.
# 4. Peak RSS of one provisioning run (/usr/bin/time -v), JIT and AOT.
# 5. Simulator throughput: sec2 sessions/s over loopback HTTP (clients in the same process).
# 6. Unless --no-micro: BenchmarkDotNet (handshake CPU per side, ModPow, ciphers), short in-process runs.
# Loopback only; every loop is bounded in count and time; the device process is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0; micro=1
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-micro) micro=0 ;;
  esac
done
runs=$([ $quick = 1 ] && echo 5 || echo 20)
out=bench/out
mkdir -p "$out"

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
aot_warnings=$(grep -E 'warning (IL|AOT|CS)[0-9]+' "$out/aot-publish.log" | sort -u || true)
dotnet build bench/EspProv.Benchmarks -c Release --nologo -v q >/dev/null
jit="$out/jit/esp-prov"
aot="$out/aot/esp-prov"

# Mean and stddev in ms of a command, via hyperfine (JSON) or a bounded loop.
measure() {
  local name="$1"; shift
  local prepare="$1"; shift
  if command -v hyperfine >/dev/null 2>&1; then
    local args=(--runs "$runs" --warmup 2 -N --export-json "$out/$name.json")
    [ -n "$prepare" ] && args+=(--prepare "$prepare")
    hyperfine "${args[@]}" "$*" >/dev/null 2>&1 || { echo "n/a"; return; }
    python3 -c "import json;r=json.load(open('$out/$name.json'))['results'][0];print(f\"{r['mean']*1000:.1f} ± {r['stddev']*1000:.1f}\")"
  else
    local total=0 i start end
    for ((i = 0; i < runs; i++)); do
      [ -n "$prepare" ] && bash -c "$prepare" >/dev/null 2>&1
      start=$(date +%s%N); bash -c "$*" >/dev/null 2>&1; end=$(date +%s%N)
      total=$((total + end - start))
    done
    echo "$((total / runs / 1000000)) (mean of $runs, bounded loop)"
  fi
}

echo "## Cold start" >&2
help_jit=$(measure help-jit "" "$jit --help")
help_aot=$(measure help-aot "" "$aot --help")

echo "## End to end" >&2
port=$((20000 + RANDOM % 20000))
"$aot" device --port "$port" --sec-ver 2 --no-auto-stop --connect-after 1 >"$out/device.log" 2>&1 &
device_pid=$!
trap 'kill "$device_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "$port" "$out/device.log" 2>/dev/null && break
  sleep 0.1
done
client_args="--transport softap --service_name 127.0.0.1:$port --sec_ver 2 --sec2_username wifiprov --sec2_pwd abcd1234 --non-interactive --poll-interval 0.05"
reprov="$aot $client_args --reprov"
provision_jit=$(measure e2e-jit "$reprov" "$jit $client_args --ssid BenchNet --passphrase benchpass1")
provision_aot=$(measure e2e-aot "$reprov" "$aot $client_args --ssid BenchNet --passphrase benchpass1")

rss() {
  $reprov >/dev/null 2>&1 || true
  /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'
}
rss_jit=$(rss $jit $client_args --ssid BenchNet --passphrase benchpass1)
rss_aot=$(rss $aot $client_args --ssid BenchNet --passphrase benchpass1)
kill "$device_pid" 2>/dev/null || true
wait "$device_pid" 2>/dev/null || true

echo "## Simulator throughput" >&2
throughput=$(dotnet bench/EspProv.Benchmarks/bin/Release/net10.0/EspProv.Benchmarks.dll throughput "$([ $quick = 1 ] && echo 5 || echo 15)" 4)

if [ $micro = 1 ]; then
  echo "## BenchmarkDotNet" >&2
  (cd "$out" && dotnet ../../bench/EspProv.Benchmarks/bin/Release/net10.0/EspProv.Benchmarks.dll --filter '*' >"micro.log" 2>&1) || true
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
echo
echo "Machine: $(nproc) cores, $cpu; $(dotnet --version) SDK; $(date -u +%Y-%m-%d)"
echo
echo "| measure | JIT | Native AOT |"
echo "| --- | ---: | ---: |"
echo "| CLI cold start, \`--help\` (ms) | $help_jit | $help_aot |"
echo "| provisioning sec2 end to end incl. process start (ms) | $provision_jit | $provision_aot |"
echo "| peak RSS of one provisioning run (MiB) | $(( ${rss_jit:-0} / 1024 )) | $(( ${rss_aot:-0} / 1024 )) |"
echo
echo "Simulator throughput: $throughput"
jit_size=$(find "$out/jit" -type f ! -name '*.pdb' ! -name '*.xml' -print0 | du -ch --files0-from=- | tail -n 1 | cut -f1)
echo "AOT binary: $(du -h "$aot" | cut -f1); JIT app and libraries without .pdb/.xml: $jit_size (plus the shared runtime); AOT publish warnings: ${aot_warnings:-none}"
if [ $micro = 1 ]; then
  echo
  find "$out/BenchmarkDotNet.Artifacts/results" -name '*-report-github.md' -print0 2>/dev/null | sort -z | xargs -0 -r cat
fi
