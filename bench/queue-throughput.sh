#!/usr/bin/env bash
# Durable queue throughput: N create operations through one process's workers on PostgreSQL
# (database tenure_bench_queue on 127.0.0.1:5432, dropped and recreated), then N audit appends from
# 8 threads. Runs against this work tree's compiled classes (no install needed).
# Usage: bench/queue-throughput.sh [N]      (default 2000)
set -euo pipefail
N="${1:-2000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SNAPSHOT="$(mktemp -d /tmp/tenure-queue-bench.XXXXXX)"
trap 'rm -rf "$SNAPSHOT"' EXIT
source "$ROOT/bench/classpath.sh"
java -Xmx1g -cp "$CP" bench/QueueThroughputBenchmark.java "$N"
