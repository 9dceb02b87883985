#!/usr/bin/env bash
# Durable queue throughput: N create operations through one process's workers on PostgreSQL
# (database tenure_bench_queue on 127.0.0.1:5432, dropped and recreated), then N audit appends from
# 8 threads. Runs against this work tree's compiled classes (no install needed).
# Usage: bench/queue-throughput.sh [N]      (default 2000)
set -euo pipefail
N="${1:-2000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# compiled in the reactor, so that the modules resolve to their target/classes (no install needed)
mvn -B -q -pl tenure-server -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/queue-bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
SNAPSHOT="$(mktemp -d /tmp/tenure-queue-bench.XXXXXX)"
trap 'rm -rf "$SNAPSHOT"' EXIT
CP=""
for module in tenure-core tenure-connector-spi tenure-engine tenure-server; do
  cp -r "$module/target/classes" "$SNAPSHOT/$module"
  CP="$CP${CP:+:}$SNAPSHOT/$module"
done
IFS=":" read -r -a ENTRIES < tenure-server/target/queue-bench-classpath.txt || true
for entry in "${ENTRIES[@]}"; do
  case "$entry" in
    */io/tenure/* | */target/classes) ;;
    *) CP="$CP:$entry" ;;
  esac
done
java -Xmx1g -cp "$CP" bench/QueueThroughputBenchmark.java "$N"
