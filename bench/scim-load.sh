#!/usr/bin/env bash
# SCIM push load: Tenure's SCIM 2.0 server (`./tenure serve`, embedded store, a temporary home) with
# PRELOAD Users already in the store, measured with wrk: creates/s over POST /scim/v2/Users with 8
# connections, GET /scim/v2/Users/{id} requests/s with 16 connections, and a same-run baseline:
# GET /actuator/health of the same server with 16 connections (the HTTP stack's ceiling). Every
# answer outside 200-299 is counted; a run with any is not a valid figure (exit 1). See bench/README.md.
# Usage: bench/scim-load.sh [SECONDS] [PRELOAD]     (defaults: 15 seconds per measurement, 2000 Users)
# Env:   BENCH_KEEP=1        keep the work folder (tenure.yaml, server log, ids)
#        TENURE_JAVA_OPTS    extra JVM options for the server, as for ./tenure (TENURE_JIT=quick: C1 only)
#        BENCH_PGSS=1        the embedded PostgreSQL preloads pg_stat_statements; after the creates and
#                            after the GETs, their 10 most costly statements (execution time, calls)
set -euo pipefail
SECONDS_EACH="${1:-15}"
PRELOAD="${2:-2000}"
[[ "$SECONDS_EACH" =~ ^[1-9][0-9]*$ && "$PRELOAD" =~ ^[1-9][0-9]*$ ]] \
  || { echo "usage: bench/scim-load.sh [SECONDS] [PRELOAD]" >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if ! command -v wrk >/dev/null; then
  echo "scim-load: wrk is missing; installing it (apt-get install -y wrk)" >&2
  { apt-get install -y wrk >/dev/null 2>&1 || sudo -n apt-get install -y wrk >/dev/null 2>&1; } \
    || { echo "scim-load: FAILED: wrk is not installed and apt-get could not install it;" \
      "install it (Debian: apt-get install wrk) and run again" >&2; exit 1; }
fi
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "scim-load: FAILED: $tool is needed" >&2; exit 1; }
done
WORK="$(mktemp -d /tmp/tenure-scim-load.XXXXXX)"
SERVER_PID=""

source "$ROOT/bench/store-sql.sh"
# Stops what this run started: its server (by its PID), and the embedded PostgreSQL of its home if
# the server left it behind (by the PID in its postmaster.pid, nothing else).
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  stop_left_stores "$WORK/home"
  if [[ "${BENCH_KEEP:-0}" == "1" ]]; then echo "work folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
LOAD_START="$(load)"
echo "scim-load: $PRELOAD Users preloaded, $SECONDS_EACH s per measurement, work folder $WORK," \
  "load average $LOAD_START" >&2

# 0. Build the jar now if the sources changed, so that nothing timed includes a build.
./tenure --version >/dev/null

# 1. A home with the embedded store, a tenure.yaml whose only source is SCIM pushes (no file source,
#    no target: a push is correlated, stored, audited and planned; the plan has nothing to execute),
#    and a scim token.
export TENURE_HOME="$WORK/home"
cat >"$WORK/tenure.yaml" <<'YAML'
scim:
  mapping:
    costCenter: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter"
YAML
TOKEN="$(cd "$WORK" && "$ROOT/tenure" token create --scope scim --name scim-load 2>"$WORK/token.err" | tail -1)"
[[ "$TOKEN" == tenure_* ]] || { cat "$WORK/token.err" >&2; echo "scim-load: FAILED: no token" >&2; exit 1; }

# BENCH_PGSS=1: the store preloads pg_stat_statements from the server's start on
[[ "${BENCH_PGSS:-0}" != "1" ]] || store_preload_pg_stat_statements
pgss_reset() { [[ "${BENCH_PGSS:-0}" != "1" ]] || store_sql "select pg_stat_statements_reset()" >/dev/null; }
pgss_top() { # pgss_top NAME REQUESTS: the costliest statements since the last reset, per request too
  [[ "${BENCH_PGSS:-0}" == "1" ]] || return 0
  store_sql "select round(total_exec_time::numeric / 1000, 2) as seconds,
    round((total_exec_time / $2)::numeric, 3) as ms_per_request, round(calls::numeric / $2, 2) as calls_per_request,
    left(regexp_replace(query, '\s+', ' ', 'g'), 100) as statement
    from pg_stat_statements order by total_exec_time desc limit 10" >"$WORK/$1.pgss"
}

# 2. The server on a free loopback port (--port 0: the kernel picks it; the server prints it).
(cd "$WORK" && exec "$ROOT/tenure" serve --port 0) >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 1200); do
  BASE="$(sed -n 's/^Tenure is serving on \(http:[^ ]*\).*/\1/p' "$WORK/serve.out")"
  [[ -z "$BASE" ]] || break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
[[ -n "$BASE" ]] || { tail -20 "$WORK/serve.err" >&2; echo "scim-load: FAILED: the server did not start" >&2; exit 1; }
echo "scim-load: server (pid $SERVER_PID) on $BASE, load average $(load)" >&2
[[ "${BENCH_PGSS:-0}" != "1" ]] || store_sql "create extension if not exists pg_stat_statements" >/dev/null
AUTH="Authorization: Bearer $TOKEN"

# 3. Preload: PRELOAD Users by POST, 8 at a time (one curl, its parallel transfers); every answer
#    must be 201. Then their ids, read back page by page.
ENTERPRISE="urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
for i in $(seq 1 "$PRELOAD"); do
  ((i == 1)) || echo next
  body="{\\\"schemas\\\":[\\\"urn:ietf:params:scim:schemas:core:2.0:User\\\",\\\"$ENTERPRISE\\\"],\\\"userName\\\":\\\"pre-$i@example.com\\\",\\\"externalId\\\":\\\"pre-$i\\\",\\\"name\\\":{\\\"givenName\\\":\\\"Pre\\\",\\\"familyName\\\":\\\"Person $i\\\"},\\\"emails\\\":[{\\\"value\\\":\\\"pre-$i@example.com\\\",\\\"type\\\":\\\"work\\\",\\\"primary\\\":true}],\\\"active\\\":true,\\\"$ENTERPRISE\\\":{\\\"employeeNumber\\\":\\\"P-$i\\\",\\\"department\\\":\\\"Sales\\\"}}"
  printf 'url = "%s/scim/v2/Users"\nheader = "%s"\nheader = "Content-Type: application/scim+json"\ndata = "%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nsilent\nshow-error\n' \
    "$BASE" "$AUTH" "$body"
done >"$WORK/preload.curl"
PRELOAD_START="$EPOCHREALTIME"
curl -sS --parallel --parallel-max 8 -K "$WORK/preload.curl" >"$WORK/preload.codes" 2>"$WORK/preload.err" || true
PRELOAD_SECONDS="$(awk -v a="$PRELOAD_START" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')"
CREATED="$(grep -c '^201$' "$WORK/preload.codes" || true)"
[[ "$CREATED" == "$PRELOAD" ]] || { sort "$WORK/preload.codes" | uniq -c >&2; head -5 "$WORK/preload.err" >&2
  echo "scim-load: FAILED: preload created $CREATED Users, not $PRELOAD" >&2; exit 1; }
: >"$WORK/ids"
for ((start = 1; start <= PRELOAD; start += 200)); do
  curl -sf -H "$AUTH" "$BASE/scim/v2/Users?attributes=id&count=200&startIndex=$start" \
    | jq -r '.Resources[].id' >>"$WORK/ids"
done
[[ "$(wc -l <"$WORK/ids")" == "$PRELOAD" ]] \
  || { echo "scim-load: FAILED: read $(wc -l <"$WORK/ids") ids back, not $PRELOAD" >&2; exit 1; }
echo "scim-load: preloaded $PRELOAD Users in $PRELOAD_SECONDS s (curl, 8 parallel)" >&2

# 4. The measurements, one after the other (wrk, 2 threads: one per core). GET and health get a
#    warm-up run of 3 s first (the creates are warmed up by the preload).
RUN="r$(date +%s)"
# CPU time (clock ticks) used so far by the server's JVM and by the embedded PostgreSQL (the
# postmaster, its exited children as it reaped them, and its live backends): what one request costs
# the machine, which other processes' load changes far less than it changes requests/s.
ticks() { awk '{ print $14 + $15 + ($16 + $17) * with_children }' with_children="${2:-0}" "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_ticks() {
  local server postgres=0 postmaster pid
  server="$(ticks "$SERVER_PID")"
  postmaster="$(head -1 "$WORK/home/postgres/postmaster.pid" 2>/dev/null || true)"
  if [[ -n "$postmaster" ]]; then
    postgres="$(ticks "$postmaster" 1)"
    for pid in $(ps -o pid= --ppid "$postmaster"); do postgres=$((postgres + $(ticks "$pid"))); done
  fi
  echo "$server $postgres"
}
measure() { # measure NAME CONNECTIONS SECONDS ARGS...: wrk's result line into $WORK/NAME.out
  local name="$1" connections="$2" seconds="$3" before after
  shift 3
  before="$(cpu_ticks)"
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/scim-load.lua "$BASE" -- "$@" \
    >"$WORK/$name.out" 2>&1 || { cat "$WORK/$name.out" >&2; echo "scim-load: FAILED: wrk $name" >&2; exit 1; }
  after="$(cpu_ticks)"
  echo "cpu $before $after" >>"$WORK/$name.out"
}
# CPU milliseconds per request of a measurement: the server's JVM, PostgreSQL
cpu_per_request() {
  awk -v hz="$(getconf CLK_TCK)" -v requests="$(field "$1" requests)" '/^cpu / {
    printf "%.2f ms server + %.2f ms PostgreSQL", ($4 - $2) * 1000 / hz / requests, ($5 - $3) * 1000 / hz / requests }' "$WORK/$1.out"
}
field() { sed -n "s/^result .*\\b$2=\\([^ ]*\\).*/\\1/p" "$WORK/$1.out"; }
LOAD_POST="$(load)"
pgss_reset
measure post 8 "$SECONDS_EACH" post "$TOKEN" "$RUN"
pgss_top post "$(field post requests)"
measure warm-get 16 3 get "$TOKEN" "$WORK/ids"
LOAD_GET="$(load)"
pgss_reset
measure get 16 "$SECONDS_EACH" get "$TOKEN" "$WORK/ids"
pgss_top get "$(field get requests)"
measure warm-health 16 3 health
LOAD_HEALTH="$(load)"
measure health 16 "$SECONDS_EACH" health
LOAD_END="$(load)"
USERS="$(curl -sf -H "$AUTH" "$BASE/scim/v2/Users?count=0" | jq -r '.totalResults')"

# 5. Summary.
echo "SCIM push load, server ./tenure serve (JIT ${TENURE_JIT:-as the launcher chooses}${TENURE_JAVA_OPTS:+, $TENURE_JAVA_OPTS}), embedded store, wrk -t2"
echo "load average (1 min): $LOAD_START at start, $LOAD_POST before the creates, $LOAD_GET before the GETs, $LOAD_HEALTH before the baseline, $LOAD_END at end"
echo "preload: $PRELOAD Users in $PRELOAD_SECONDS s; Users in the store at end: $USERS"
invalid=0
for name in post get health; do
  case "$name" in
    post) label="POST /scim/v2/Users, 8 connections:      " ;;
    get) label="GET /scim/v2/Users/{id}, 16 connections: " ;;
    health) label="baseline GET /actuator/health, 16 conn.: " ;;
  esac
  printf '%s %8s requests/s (%s in %s s), p50 %s ms, p99 %s ms, max %s ms, non-2xx %s, socket errors %s; CPU per request %s\n' \
    "$label" "$(field "$name" per_second)" "$(field "$name" requests)" "$(field "$name" seconds)" \
    "$(field "$name" p50_ms)" "$(field "$name" p99_ms)" "$(field "$name" max_ms)" \
    "$(field "$name" non2xx)" "$(field "$name" socket_errors)" "$(cpu_per_request "$name")"
  if [[ "$(field "$name" non2xx)" != 0 || "$(field "$name" socket_errors)" != 0 ]]; then
    invalid=1
    sed -n 's/^first_error /  first error: /p' "$WORK/$name.out"
  fi
done
for name in post get; do
  [[ ! -f "$WORK/$name.pgss" ]] || { echo "PostgreSQL's costliest statements in the $name measurement (pg_stat_statements):"; cat "$WORK/$name.pgss"; }
done
awk -v post="$(field post per_second)" -v get="$(field get per_second)" -v health="$(field health per_second)" 'BEGIN {
  printf "ratios to the baseline: creates %.3f, GETs %.3f of the health requests/s\n", post / health, get / health }'
if ((invalid)); then
  echo "scim-load: INVALID: some requests failed (non-2xx or socket errors); not a valid figure" >&2
  exit 1
fi
