#!/usr/bin/env bash
# Reconciliation benchmark: N entries in a separate OpenLDAP (port 3390), N people in PostgreSQL
# (database tenure_bench on 127.0.0.1:5432, dropped and recreated), reconcile in report mode.
# Usage: bench/run.sh [N] [HEAP]      (defaults: 100000 1g)
set -euo pipefail
N="${1:-100000}"
HEAP="${2:-1g}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mvn -B -q -o -pl tenure-server dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=runtime >/dev/null
CP="tenure-server/target/classes:$(cat tenure-server/target/bench-classpath.txt)"
LDAP_NOSYNC=1 "$ROOT/../shared/tools/start-openldap.sh" 3390 /tmp/tenure-bench-ldap >/dev/null
trap '"$ROOT/../shared/tools/stop-openldap.sh" /tmp/tenure-bench-ldap >/dev/null 2>&1 || true' EXIT
java -Xmx"$HEAP" -cp "$CP" bench/ReconcileBenchmark.java "$N" 3390
