#!/usr/bin/env bash
# Reconciliation benchmark: N entries in a separate OpenLDAP (on a free loopback port, data kept in
# /tmp/tenure-bench-ldap), N people in PostgreSQL
# (database tenure_bench on 127.0.0.1:5432, dropped and recreated), reconcile in report mode, then
# a baseline in the same run: a bare paged ldapsearch of the same entries and attributes.
# Usage: bench/run.sh [N] [HEAP]      (defaults: 100000 1g; BENCH_JAVA_OPTS: extra JVM options)
set -euo pipefail
N="${1:-100000}"
HEAP="${2:-1g}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SNAPSHOT="$(mktemp -d /tmp/tenure-bench-classpath.XXXXXX)"
source "$ROOT/bench/classpath.sh"
source "$ROOT/bench/openldap.sh"
start_bench_openldap /tmp/tenure-bench-ldap
trap '"$ROOT/../shared/tools/stop-openldap.sh" /tmp/tenure-bench-ldap >/dev/null 2>&1 || true; rm -rf "$SNAPSHOT"' EXIT
java -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -cp "$CP" bench/ReconcileBenchmark.java "$N" "$LDAP_PORT" | tee "$SNAPSHOT/out.txt"
# Baseline: the same read without Tenure (paged, 1000 a page, the attributes the connector asks for).
START=$(date +%s.%N)
ldapsearch -LLL -x -H "$LDAP_URL" -D cn=admin,dc=example,dc=com -w secret \
  -b ou=people,dc=example,dc=com -s one -E pr=1000/noprompt '(objectClass=inetOrgPerson)' \
  uid cn sn employeeNumber memberOf pwdAccountLockedTime >/dev/null
END=$(date +%s.%N)
RECONCILE=$(sed -n 's/.* in \([0-9.]*\) s = .*/\1/p' "$SNAPSHOT/out.txt")
awk -v start="$START" -v end="$END" -v reconcile="$RECONCILE" 'BEGIN {
  baseline = end - start
  printf "baseline: paged ldapsearch of the same entries in %.1f s; reconcile/baseline = %.2f\n",
    baseline, reconcile / baseline }'
