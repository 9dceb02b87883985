#!/usr/bin/env bash
# Command start-up on the embedded default: `tenure plans --held` with the store started and stopped
# by each command (TENURE_STORE_IDLE_TIMEOUT=0, the baseline: what every command did before the store
# stayed up) and on a warm store (a kept server that the command joins), runs interleaved, each timed
# with /usr/bin/time -f %e, the 1-minute load average printed before each pair.
# Usage: bench/command-startup.sh [ROUNDS]     (default 5); stops the store it kept up at the end.
set -euo pipefail
ROUNDS="${1:-5}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d /tmp/tenure-startup-bench.XXXXXX)"
cleanup() {
  (cd "$WORK" && TENURE_HOME="$WORK/warm" "$ROOT/tenure" store stop >/dev/null 2>&1) || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"
printf 'targets: {}\n' > tenure.yaml
run() { # HOME_NAME TIMEOUT
  TENURE_HOME="$WORK/$1" TENURE_STORE_IDLE_TIMEOUT="$2" /usr/bin/time -f %e -o "$WORK/time" \
    "$ROOT/tenure" plans --held >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
  cat "$WORK/time"
}
# the first runs build, record the class-data-sharing archive, initialise both data folders and
# start the kept server: not measured
run cold 0 >/dev/null
run warm PT10M >/dev/null
echo "round | load (1 min) | cold: start and stop the store (s) | warm: join the kept store (s)"
for round in $(seq 1 "$ROUNDS"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  cold="$(run cold 0)"
  warm="$(run warm PT10M)"
  echo "$round | $load | $cold | $warm"
done
