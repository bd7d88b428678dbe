# Sourced by the bench scripts: start_fleet BINARY COUNT [DEVICE FLAGS...] starts `esp-prov device --count COUNT
# --port 0 --sec-ver 2 --no-auto-stop FLAGS` (loopback) in a fresh $work directory, stops it and removes $work on
# exit, waits (bounded, 20 s) for every device, and sets device_pid and ports (in device order).
start_fleet() {
  local binary="$1" count="$2"
  shift 2
  work=$(mktemp -d)
  "$binary" device --count "$count" --port 0 --sec-ver 2 --no-auto-stop "$@" >"$work/device.log" 2>&1 &
  device_pid=$!
  trap 'kill "$device_pid" 2>/dev/null || true; wait "$device_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 1 200); do
    [ "$(grep -c '^==== Simulated device' "$work/device.log" || true)" -ge "$count" ] && break
    sleep 0.1
  done
  mapfile -t ports < <(sed -n 's|^Transport: http://127.0.0.1:\([0-9]*\)/$|\1|p' "$work/device.log")
  [ "${#ports[@]}" -eq "$count" ] || { echo "the fleet of $count did not start in 20 s: found ${#ports[@]} device ports" >&2; tail -5 "$work/device.log" >&2; exit 1; }
}
