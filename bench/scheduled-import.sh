#!/usr/bin/env bash
# Scheduled re-imports in a running server: the issue's "re-import of the same file with 1% of the
# rows changed", as a deployment runs it (`tenure serve` importing the HR file by its `schedule`, in
# a JVM that has run before), against the same re-import as a one-shot command in the same run.
#   1. N people from the HR CSV of bench/initial-load.sh into the bench's own OpenLDAP (a free
#      loopback port): `tenure apply --yes`, every operation checked
#   2. the one-shot baseline: the file with every 100th person moved to the next department copied
#      over it, `tenure import --source hr`, timed until it prints the import (identities, audit and
#      plan committed); it then executes the moves
#   3. `tenure serve` with the source's schedule every 15 seconds: ROUNDS scheduled imports, each
#      after the other file was put in place (renamed over people.csv), so each moves N/100 people
#      back or forth; each round's import+plan+store and execution as the server logs them. Round 1
#      is the server's first (a cold JIT); the later ones are what a long-running server does
#   4. the directory checked against the file in place: N entries, every department group its count
# Prints each round and the median of rounds 2..ROUNDS against the one-shot baseline. Fails (exit 1)
# if any import changes anyone but the moved people, or the directory disagrees.
# Usage: bench/scheduled-import.sh [N] [ROUNDS]     (defaults 10000 and 6; ROUNDS at least 2)
# Env:   BENCH_KEEP=1      keep the work folder (CSV, tenure.yaml, server log)
#        TENURE_JAVA_OPTS  extra JVM options for every Tenure run, as for ./tenure
#        BENCH_JFR=FILE    record a JFR profile (settings=profile) of the server into FILE
set -euo pipefail
N="${1:-10000}"
ROUNDS="${2:-6}"
[[ "$N" =~ ^[1-9][0-9]*$ && "$ROUNDS" =~ ^[1-9][0-9]*$ ]] && ((N >= 100 && ROUNDS >= 2)) \
  || { echo "usage: bench/scheduled-import.sh [N >= 100] [ROUNDS >= 2]" >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d /tmp/tenure-scheduled-import.XXXXXX)"
LDAP_DIR="$WORK/ldap"
SERVER_PID=""
source "$ROOT/bench/openldap.sh"

source "$ROOT/bench/store-sql.sh"
# Stops what this run started: its server (by its PID), its OpenLDAP, and the embedded PostgreSQL
# of its Tenure home if a Tenure run left it behind (by the PID in its postmaster.pid, nothing else).
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  "$ROOT/../shared/tools/stop-openldap.sh" "$LDAP_DIR" --purge >/dev/null 2>&1 || true
  stop_left_stores "$WORK/home"
  if [[ "${BENCH_KEEP:-0}" == "1" ]]; then echo "work folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
fail() { echo "scheduled-import: FAILED: $*" >&2; exit 1; }
LOAD_START="$(load)"
echo "scheduled-import: N=$N, $ROUNDS rounds, work folder $WORK, load average $LOAD_START" >&2
./tenure --version >/dev/null # build now if the sources changed: nothing timed includes a build

# The data: people.csv, and people-changed.csv with every 100th person in the next department.
java bench/InitialLoadData.java "$N" "$WORK" >/dev/null
cp "$WORK/people.csv" "$WORK/people-original.csv"
MOVED=$((N / 100))
put_in_place() { # put_in_place FILE: the HR feed's new file, renamed over the old (never half-written)
  cp "$1" "$WORK/people.next"
  mv -f "$WORK/people.next" "$WORK/people.csv"
}

# 1. The first load, by the command.
start_bench_openldap "$LDAP_DIR"
tune_bench_openldap "$N"
export TENURE_HOME="$WORK/home" BENCH_LDAP_URL="$LDAP_URL" BENCH_LDAP_PASSWORD="$PASSWORD"
START="$EPOCHREALTIME"
(cd "$WORK" && "$ROOT/tenure" apply --yes) \
  | perl -ne 'if (/^    /) { $n++ } else { print } END { print "($n plan lines)\n" }' >"$WORK/apply.out"
grep -q "^Applied plan .*: $((3 * N)) succeeded, 0 failed" "$WORK/apply.out" \
  || { cat "$WORK/apply.out" >&2; fail "the first load did not apply $((3 * N)) operations"; }
FIRST="$(seconds "$START" "$EPOCHREALTIME")"
echo "scheduled-import: first load $FIRST s, load average $(load)" >&2

# 2. The one-shot re-import, timed until it prints the import; it runs to its end (the moves).
put_in_place "$WORK/people-changed.csv"
START="$EPOCHREALTIME"
(cd "$WORK" && "$ROOT/tenure" import --source hr) >"$WORK/command.out" 2>"$WORK/command.err" &
COMMAND_PID=$!
while kill -0 "$COMMAND_PID" 2>/dev/null && ! grep -qs '^Import' "$WORK/command.out"; do sleep 0.02; done
COMMAND="$(seconds "$START" "$EPOCHREALTIME")"
wait "$COMMAND_PID" || { cat "$WORK/command.err" >&2; fail "tenure import --source hr"; }
COMMAND_ALL="$(seconds "$START" "$EPOCHREALTIME")"
grep -q "hr: people.csv: $N rows: 0 new, $MOVED changed" "$WORK/command.out" \
  || { cat "$WORK/command.out" >&2; fail "the one-shot re-import did not change exactly $MOVED people"; }
echo "scheduled-import: one-shot re-import $COMMAND s to the import ($COMMAND_ALL s with its execution)," \
  "load average $(load)" >&2

# 3. The server with the source's schedule, every 15 s; the scheduler looks for due work every second;
#    the scheduled imports log what they did at INFO (the server logs warnings only unless told).
perl -0pi -e 's|(\n    file: people.csv\n)|$1    schedule: "*/15 * * * * *"\n|' "$WORK/tenure.yaml"
grep -q 'schedule: ' "$WORK/tenure.yaml" || fail "no schedule written into tenure.yaml"
# round 1's file is in place before the server starts: its scheduler may run the import at once
next_file() { # next_file ROUND: odd rounds move the people back, even rounds move them again
  if (($1 % 2)); then put_in_place "$WORK/people-original.csv"; else put_in_place "$WORK/people-changed.csv"; fi
}
next_file 1
SERVE_OPTS="${TENURE_JAVA_OPTS:-}"
[[ -z "${BENCH_JFR:-}" ]] || SERVE_OPTS+=" -XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile"
(cd "$WORK" && TENURE_IMPORT_POLLING=PT1S LOGGING_LEVEL_IO_TENURE_SERVER_INGEST=INFO TENURE_JAVA_OPTS="$SERVE_OPTS" exec "$ROOT/tenure" serve --port 0) \
  >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER_PID=$!
PHASES=""
for _ in $(seq 1 1200); do
  ! grep -qs '^Tenure is serving on' "$WORK/serve.out" || break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
grep -qs '^Tenure is serving on' "$WORK/serve.out" || { tail -20 "$WORK/serve.err" >&2; fail "the server did not start"; }
runs() { cat "$WORK/serve.out" "$WORK/serve.err" | grep -c 'scheduled import of hr: ' || true; }
: >"$WORK/rounds"
for round in $(seq 1 "$ROUNDS"); do
  ((round == 1)) || next_file "$round" # at once after the last round's run, well before the next is due
  for _ in $(seq 1 6000); do
    (($(runs) < round)) || break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server stopped"
    sleep 0.1
  done
  line="$(cat "$WORK/serve.out" "$WORK/serve.err" | grep 'scheduled import of hr: ' | sed -n "${round}p")"
  [[ -n "$line" ]] || fail "round $round: no scheduled import in 10 minutes"
  [[ "$line" == *": $N read, 0 new, $MOVED changed, 0 rejected, 0 ambiguous;"* ]] \
    || fail "round $round did not change exactly the $MOVED moved people: $line"
  seen="$EPOCHREALTIME" # within 0.1 s of the round's end
  echo "$line" | sed -E 's/.* ([0-9]+) operations planned; import, plan and store ([0-9]+) ms, execution ([0-9]+) ms.*/\1 \2 \3/' \
    >>"$WORK/rounds"
  read -r operations stored executed < <(tail -1 "$WORK/rounds")
  # the round's phases in epoch milliseconds, for java bench/HotMethods.java BENCH_JFR ...
  PHASES+=" $(awk -v round="$round" -v end="$seen" -v stored="$stored" -v executed="$executed" 'BEGIN {
    end = end * 1000; printf "import+plan+store-%d=%.0f-%.0f", round, end - executed - stored, end - executed }')"
  echo "scheduled-import: round $round: $operations operations; import+plan+store $stored ms," \
    "execution $executed ms; load average $(load)" >&2
done
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

# 4. The directory against the file in place.
PEOPLE="$(bench_search -b "$PEOPLE_BASE" -s one -E pr=1000/noprompt '(objectClass=inetOrgPerson)' dn | grep -c '^dn:' || true)"
[[ "$PEOPLE" == "$N" ]] || fail "$PEOPLE entries under $PEOPLE_BASE, not $N"
department_counts "$WORK/people.csv" >"$WORK/departments.tsv"
while IFS=$'\t' read -r group expected; do
  actual="$(group_members "$group")"
  [[ "$actual" == "$expected" ]] || fail "group $group has $actual members, the file in place $expected"
done <"$WORK/departments.tsv"

awk -v n="$N" -v moved="$MOVED" -v command="$COMMAND" -v command_all="$COMMAND_ALL" -v first="$FIRST" \
  -v load_start="$LOAD_START" -v load_end="$(load)" '
  { operations[NR] = $1; stored[NR] = $2 / 1000; executed[NR] = $3 / 1000 }
  END {
    for (i = 2; i <= NR; i++) warm[i - 1] = stored[i]
    count = NR - 1
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (warm[j] < warm[i]) { t = warm[i]; warm[i] = warm[j]; warm[j] = t }
    median = count % 2 ? warm[(count + 1) / 2] : (warm[count / 2] + warm[count / 2 + 1]) / 2
    printf "scheduled re-import of %d people, %d moved each round (first load by apply: %.1f s)\n", n, moved, first
    printf "load average (1 min): %s at start, %s at end\n", load_start, load_end
    printf "one-shot `tenure import --source hr`: %.2f s to the import printed (start-up included), %.2f s with its execution\n", command, command_all
    for (i = 1; i <= NR; i++) printf "server round %d: %d operations; import+plan+store %.2f s, execution %.2f s\n", i, operations[i], stored[i], executed[i]
    printf "server rounds 2-%d: import+plan+store median %.2f s (min %.2f, max %.2f) = %.2f of the one-shot command'"'"'s\n", NR, median, warm[1], warm[count], median / command
  }' "$WORK/rounds"
echo "directory checked: $PEOPLE entries, every department group as the file in place"
[[ -z "${BENCH_JFR:-}" ]] || echo "profile: java bench/HotMethods.java $BENCH_JFR$PHASES"
