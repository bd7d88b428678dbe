#!/usr/bin/env bash
# Fuzzes esp-prov's decoders and the simulator's request paths with SharpFuzz + AFL++.
#
#   bash fuzz/run.sh [seconds-per-target] [target ...]
#
# Installs what it needs (AFL++ from Debian, the SharpFuzz tool from the local tool manifest; both
# idempotent), publishes fuzz/EspProv.Fuzz to fuzz/out/bin, instruments EspProv.dll and
# EspProv.Simulator.dll there, and runs each target under afl-fuzz for the given time (default 10 s),
# starting from fuzz/corpus/<target>/. FUZZ_JOBS targets run side by side (default 2, one per core).
# Prints a markdown table (executions, rate, corpus, crashes); exits 1 when any target crashed, with
# the crashing inputs copied to fuzz/out/crashes/<target>/ (add them to fuzz/regressions/<target>/ once fixed).
# Without afl-fuzz (no Debian mirror) it falls back to the built-in mutation fuzzer (--mutate), and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-10}"
shift || true
jobs="${FUZZ_JOBS:-2}"
out=fuzz/out

engine=afl
if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq afl++; } >"$out.apt.log" 2>&1 || true
  fi
  command -v afl-fuzz >/dev/null 2>&1 || engine=mutate
fi

dotnet tool restore >/dev/null
# A fresh copy every time: instrumenting an already instrumented assembly fails.
rm -rf "$out/bin"
dotnet publish fuzz/EspProv.Fuzz -c Release -o "$out/bin" --nologo -v q -p:TreatWarningsAsErrors=true >/dev/null
if [ "$engine" = afl ]; then
  dotnet tool run sharpfuzz "$out/bin/EspProv.dll" >/dev/null
  dotnet tool run sharpfuzz "$out/bin/EspProv.Simulator.dll" >/dev/null
fi

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(dotnet "$out/bin/EspProv.Fuzz.dll" --list)
fi

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
dotnet_path="$(command -v dotnet)"
mkdir -p "$out/findings" "$out/logs"

run_target() {
  local t="$1"
  rm -rf "$out/findings/$t"
  if [ "$engine" = afl ]; then
    # -V bounds the fuzzing time; timeout(1) bounds start-up and calibration too.
    timeout --kill-after=10 $((seconds + 120)) \
      afl-fuzz -V "$seconds" -t 10000 -m none -i "fuzz/corpus/$t" -o "$out/findings/$t" \
      -- "$dotnet_path" "$out/bin/EspProv.Fuzz.dll" "$t" >"$out/logs/$t.log" 2>&1 || echo "afl-fuzz exited with $? for $t" >>"$out/logs/$t.log"
  else
    timeout --kill-after=10 $((seconds + 120)) \
      dotnet "$out/bin/EspProv.Fuzz.dll" "$t" --mutate "$seconds" 100000000 "fuzz/corpus/$t" >"$out/logs/$t.log" 2>&1 || true
  fi
}

running=0
for t in "${targets[@]}"; do
  run_target "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true

stat() { grep -E "^$2 " "$1" 2>/dev/null | sed 's/.*: *//' || true; }
failed=0
echo
echo "Fuzzing engine: $engine; $seconds s per target; $(nproc) cores"
echo
echo "| target | executions | exec/s | corpus | crashes |"
echo "| --- | ---: | ---: | ---: | ---: |"
for t in "${targets[@]}"; do
  if [ "$engine" = afl ]; then
    stats="$out/findings/$t/default/fuzzer_stats"
    crashes=$(find "$out/findings/$t/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
    if [ ! -f "$stats" ]; then
      echo "| $t | did not start (see $out/logs/$t.log) | | | |"
      failed=1
      continue
    fi
    echo "| $t | $(stat "$stats" execs_done) | $(stat "$stats" execs_per_sec) | $(stat "$stats" corpus_count) | $crashes |"
    if [ "$crashes" -gt 0 ]; then
      mkdir -p "$out/crashes/$t"
      cp "$out/findings/$t/default/crashes/"id:* "$out/crashes/$t/"
      failed=1
    fi
  else
    line=$(tail -1 "$out/logs/$t.log")
    if grep -q 'crash after' "$out/logs/$t.log"; then failed=1; fi
    echo "| $t | $line | | | |"
  fi
done

if [ "$failed" -ne 0 ]; then
  echo
  echo "Fuzzing found crashes or could not run: inputs in $out/crashes/, logs in $out/logs/." >&2
  echo "Reproduce with: dotnet $out/bin/EspProv.Fuzz.dll <target> --run <file>" >&2
  exit 1
fi
