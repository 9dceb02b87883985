#!/usr/bin/env bash
# Issue 18, the LDAP part: 3N operations (N creates, 2N membership adds) into a fresh OpenLDAP
# through the LDAP connector's single calls, its batches, ldapmodify and ldapadd, in one run.
# Starts its own OpenLDAP (LDAP_NOSYNC=1, memberof/refint/ppolicy) on a free loopback port with data
# in /tmp/tenure-bench-ldap-batching (deleted at the end). Needs slapd and ldap-utils.
# Usage: bench/ldap-batching.sh [N]      (default 10000; JAVA_OPTS adds JVM options, e.g. a JFR recording)
set -euo pipefail
N="${1:-10000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DATA=/tmp/tenure-bench-ldap-batching
SNAPSHOT="$(mktemp -d /tmp/tenure-ldap-batching.XXXXXX)"
source "$ROOT/bench/openldap.sh"
cleanup() {
  "$ROOT/../shared/tools/stop-openldap.sh" "$DATA" --purge >/dev/null 2>&1 || true
  rm -rf "$SNAPSHOT"
}
trap cleanup EXIT
"$ROOT/../shared/tools/stop-openldap.sh" "$DATA" --purge >/dev/null 2>&1 || true
# the connector and what it needs, compiled in the reactor (nothing installed), copied so that
# other builds may replace target/ meanwhile
mvn -B -q -pl tenure-connector-ldap -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
CP="$SNAPSHOT/tenure-connector-ldap"
cp -r tenure-connector-ldap/target/classes "$CP"
cp -r tenure-connector-spi/target/classes "$SNAPSHOT/tenure-connector-spi"
CP="$CP:$SNAPSHOT/tenure-connector-spi:$(cat tenure-connector-ldap/target/bench-classpath.txt)"
start_bench_openldap "$DATA"
echo "OpenLDAP on $LDAP_URL (data $DATA)"
java -Xmx1g ${JAVA_OPTS:-} -cp "$CP" bench/LdapBatchingBenchmark.java "$LDAP_URL" "$N" "$SNAPSHOT"
