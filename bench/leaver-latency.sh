#!/usr/bin/env bash
# Event-driven leaver latency: N single-person HR terminations against the shared OpenLDAP
# (127.0.0.1:3389 unless a port is given), embedded PostgreSQL in a temporary Tenure home; each
# measured from the import call to the disable's success. Baseline in the same run: a bare LDAP
# modify round trip. Usage: bench/leaver-latency.sh [N] [LDAP_PORT]     (defaults: 200 3389)
set -euo pipefail
N="${1:-200}"
PORT="${2:-3389}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SNAPSHOT="$(mktemp -d /tmp/tenure-leaver-bench.XXXXXX)"
trap 'rm -rf "$SNAPSHOT"' EXIT
source "$ROOT/bench/classpath.sh"
java -Xmx512m -cp "$CP" bench/LeaverLatencyBenchmark.java "$N" "$PORT" 2>"$SNAPSHOT/stderr.txt" \
  | grep -E '^(initial load|leaver|baseline|ratio)' || { tail -40 "$SNAPSHOT/stderr.txt"; exit 1; }
