#!/usr/bin/env bash
# Fuzzes esp-prov's decoders and the simulator's request paths with SharpFuzz + AFL++.
#
#   bash fuzz/run.sh [seconds-per-target] [target ...]
#
# Installs what it needs (AFL++ from Debian, the SharpFuzz tool from the local tool manifest; both
# idempotent), publishes fuzz/EspProv.Fuzz to fuzz/out/bin, instruments EspProv.dll and
# EspProv.Simulator.dll there, and runs each target under afl-fuzz for the given time (default 10 s),
# starting from fuzz/corpus/<target>/. FUZZ_JOBS targets run side by side (default 2, one per core).
# Prints a markdown table (executions, rate, corpus, crashes, hangs) and exits 1 when any target
#   - crashed (inputs copied to fuzz/out/crashes/<target>/; add them to fuzz/regressions/<target>/ once fixed),
#   - hung: one execution took longer than FUZZ_EXEC_TIMEOUT_MS (default 1000 ms; the slowest target, sec2-client,
#     needs ~15-40 ms per execution) even on AFL's re-run (inputs in fuzz/out/hangs/<target>/),
#   - found nothing beyond its seeds (AFL's corpus_found is 0): the instrumentation is broken, so AFL was blind,
#   - or could not run: afl-fuzz, the harness or `--list` exited non-zero, or timeout(1) had to stop it.
# Without afl-fuzz (no Debian mirror) it falls back to the built-in mutation fuzzer (--mutate), and says so;
# that engine has no coverage, so the corpus check does not apply there.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-10}"
shift || true
jobs="${FUZZ_JOBS:-2}"
exec_timeout_ms="${FUZZ_EXEC_TIMEOUT_MS:-1000}"
out=fuzz/out
mkdir -p "$out/logs"

engine=afl
if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq afl++; } >"$out/logs/apt.log" 2>&1 || true
  fi
  command -v afl-fuzz >/dev/null 2>&1 || engine=mutate
fi

dotnet tool restore >/dev/null
# A fresh copy every time: instrumenting an already instrumented assembly fails.
rm -rf "$out/bin"
dotnet publish fuzz/EspProv.Fuzz -c Release -o "$out/bin" --nologo -v q -p:TreatWarningsAsErrors=true >"$out/logs/publish.log" 2>&1 \
  || { cat "$out/logs/publish.log" >&2; echo "Could not publish fuzz/EspProv.Fuzz" >&2; exit 1; }
if [ "$engine" = afl ]; then
  for dll in EspProv.dll EspProv.Simulator.dll; do
    dotnet tool run sharpfuzz "$out/bin/$dll" >"$out/logs/sharpfuzz-$dll.log" 2>&1 \
      || { cat "$out/logs/sharpfuzz-$dll.log" >&2; echo "SharpFuzz could not instrument $dll" >&2; exit 1; }
  done
fi

if [ $# -gt 0 ]; then
  targets=("$@")
else
  # Not `mapfile < <(…)`: a process substitution's failure is lost, and a harness that crashes on --list
  # would leave no targets and a green run.
  list=$(dotnet "$out/bin/EspProv.Fuzz.dll" --list)
  mapfile -t targets <<<"$list"
fi
if [ ${#targets[@]} -eq 0 ] || [ -z "${targets[0]}" ]; then
  echo "No fuzz targets: the harness listed none" >&2
  exit 1
fi

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
dotnet_path="$(command -v dotnet)"
mkdir -p "$out/findings"

# Each run leaves its exit status in $out/logs/<target>.status; a missing file counts as a failure too.
run_target() {
  local t="$1" status=0
  rm -rf "$out/findings/$t" "$out/logs/$t.status"
  if [ "$engine" = afl ]; then
    # -V bounds the fuzzing time; timeout(1) bounds start-up and calibration too.
    timeout --kill-after=10 $((seconds + 120)) \
      afl-fuzz -V "$seconds" -t "$exec_timeout_ms" -m none -i "fuzz/corpus/$t" -o "$out/findings/$t" \
      -- "$dotnet_path" "$out/bin/EspProv.Fuzz.dll" "$t" >"$out/logs/$t.log" 2>&1 || status=$?
  else
    timeout --kill-after=10 $((seconds + 120)) \
      dotnet "$out/bin/EspProv.Fuzz.dll" "$t" --mutate "$seconds" 100000000 "fuzz/corpus/$t" >"$out/logs/$t.log" 2>&1 || status=$?
  fi
  echo "$status" >"$out/logs/$t.status"
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
problems=()
echo
echo "Fuzzing engine: $engine; $seconds s per target; $(nproc) cores; execution timeout ${exec_timeout_ms} ms"
echo
echo "| target | executions | exec/s | corpus (seeds) | crashes | hangs |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for t in "${targets[@]}"; do
  status=$(cat "$out/logs/$t.status" 2>/dev/null || echo missing)
  seeds=$(find "fuzz/corpus/$t" -maxdepth 1 -type f 2>/dev/null | wc -l)
  if [ "$engine" = afl ]; then
    stats="$out/findings/$t/default/fuzzer_stats"
    if [ ! -f "$stats" ]; then
      echo "| $t | did not start (exit $status, see $out/logs/$t.log) | | | | |"
      problems+=("$t: afl-fuzz did not start (exit $status)")
      failed=1
      continue
    fi
    crashes=$(find "$out/findings/$t/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
    hangs=$(find "$out/findings/$t/default/hangs" -name 'id:*' 2>/dev/null | wc -l)
    found=$(stat "$stats" corpus_found)
    echo "| $t | $(stat "$stats" execs_done) | $(stat "$stats" execs_per_sec) | $(stat "$stats" corpus_count) ($seeds) | $crashes | $hangs |"
    if [ "$status" != 0 ]; then
      problems+=("$t: afl-fuzz exited with $status (124/137: stopped by timeout(1)); see $out/logs/$t.log")
      failed=1
    fi
    if [ "$crashes" -gt 0 ]; then
      mkdir -p "$out/crashes/$t"
      cp "$out/findings/$t/default/crashes/"id:* "$out/crashes/$t/"
      problems+=("$t: $crashes crash(es), inputs in $out/crashes/$t/")
      failed=1
    fi
    if [ "$hangs" -gt 0 ]; then
      mkdir -p "$out/hangs/$t"
      cp "$out/findings/$t/default/hangs/"id:* "$out/hangs/$t/"
      problems+=("$t: $hangs hang(s) over ${exec_timeout_ms} ms, inputs in $out/hangs/$t/")
      failed=1
    fi
    if [ "${found:-0}" -eq 0 ]; then
      problems+=("$t: the corpus did not grow beyond its $seeds seeds: is the instrumentation broken?")
      failed=1
    fi
  else
    line=$(tail -1 "$out/logs/$t.log")
    echo "| $t | $line | | | | |"
    if [ "$status" != 0 ]; then
      # 1 is a crash of the target (the log names the input); anything else is the harness or timeout(1).
      problems+=("$t: the mutation fuzzer exited with $status; see $out/logs/$t.log")
      failed=1
    fi
  fi
done

if [ "$failed" -ne 0 ]; then
  echo
  printf 'Fuzzing failed: %s\n' "${problems[@]}" >&2
  echo "Logs in $out/logs/. Reproduce with: dotnet $out/bin/EspProv.Fuzz.dll <target> --run <file>" >&2
  exit 1
fi
