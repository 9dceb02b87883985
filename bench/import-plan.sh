#!/usr/bin/env bash
# Import + plan: N people from the HR CSV of bench/initial-load.sh, no target reachable, for each
# build given (an unpacked tenure-app folder; default: this checkout's, built by ./tenure):
#   1. start-up alone (`tenure plans`, second run on a fresh store)
#   2. dry run: `tenure plan` (import and plan in a transaction rolled back), its peak heap before
#      a collection (GC log) and the process's peak RSS
#   3. first import: `tenure import --source hr`, timed until it prints the import (the identities,
#      their audit events and the plan for all of them are committed then); then stopped (SIGTERM),
#      since the target is down and nothing would run
#   4. re-import of the same file with 1% of the rows changed (every 100th person moves to the next
#      department; the changed file is copied over the first, as an HR feed replaces its file):
#      timed the same way; the plan must hold operations for those people only
# Each build runs all four in a fresh home, one build after the other, in the same run; the load
# average is printed at each step. See bench/README.md.
# Usage: bench/import-plan.sh N [APP_FOLDER ...]
# Env:   BENCH_JFR=PREFIX  record a JFR profile (settings=profile) of each build's first import into
#                          PREFIX-<n>.jfr (n: the build's place in the arguments, from 1)
#        BENCH_JFR_REIMPORT=FILE  record a JFR profile (settings=profile) of the re-import into FILE
#        (one APP_FOLDER: each build's re-import overwrites it); java bench/HotMethods.java FILE
#        BENCH_SOURCE=table  the people are read from a table of the machine's PostgreSQL
#                      (BENCH_PG: psql's connection options, default "-h 127.0.0.1 -U postgres";
#                      BENCH_PG_JDBC: the same server as a JDBC URL without the database, default
#                      jdbc:postgresql://127.0.0.1:5432/; a fresh database, dropped at the end), by
#                      an updated_at watermark: the re-import's 1% are updated rows, so it reads only
#                      those (and the rows at the last watermark)
#        BENCH_STOP=1  5. a stopped first import, in another fresh home: `tenure import` killed
#                      (SIGKILL) once its progress shows half the rows read, then run again, timed
#                      as 3; prints how many people the killed run kept (the rows the second run
#                      finds unchanged) and the second run's plan (it must cover everybody)
set -euo pipefail
N="${1:-10000}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/import-plan.sh N [APP_FOLDER ...]" >&2; exit 2; }
shift || true
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./tenure --version >/dev/null
APPS=("$@")
[[ ${#APPS[@]} -gt 0 ]] || APPS=("$ROOT/tenure-server/target/tenure-app")
# the unpacked folder itself, not the link to the newest build: a rebuild meanwhile changes nothing here
for at in "${!APPS[@]}"; do APPS[$at]="$(readlink -f "${APPS[$at]}")"; done
WORK="$(mktemp -d /tmp/tenure-import-plan.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
java bench/InitialLoadData.java "$N" "$WORK" >/dev/null
# people.csv, and people-changed.csv with every 100th person in the next department
mv "$WORK/people.csv" "$WORK/people-original.csv"
export BENCH_LDAP_URL=ldap://127.0.0.1:1 BENCH_LDAP_PASSWORD=unused

# BENCH_SOURCE=table: hr is a table; new_people / change_people stand for copying the files
SOURCE="${BENCH_SOURCE:-file}"
[[ "$SOURCE" == "file" || "$SOURCE" == "table" ]] || { echo "import-plan: BENCH_SOURCE is file or table" >&2; exit 2; }
HR_DB="bench_hr_$$"
pg() { psql -X -q -v ON_ERROR_STOP=1 ${BENCH_PG:--h 127.0.0.1 -U postgres} "$@"; }
if [[ "$SOURCE" == "table" ]]; then
  pg -d postgres -c "create database $HR_DB"
  trap 'pg -d postgres -c "drop database if exists $HR_DB with (force)" || true; rm -rf "$WORK"' EXIT
  pg -d "$HR_DB" -c "create table hr_people (employee_id text primary key, first_name text,
    last_name text, email text, department text, title text, manager_id text, location text,
    employment_type text, status text, hire_date date, termination_date date,
    updated_at timestamp not null default clock_timestamp())"
  perl -0pi -e "s|    type: csv\n    file: people.csv\n|    type: jdbc\n    url: ${BENCH_PG_JDBC:-jdbc:postgresql://127.0.0.1:5432/}$HR_DB\n    username: postgres\n    table: hr_people\n    watermark: updated_at\n|" "$WORK/tenure.yaml"
  grep -q 'type: jdbc' "$WORK/tenure.yaml" || { echo "import-plan: the hr source was not replaced" >&2; exit 1; }
fi
COLUMNS="employee_id, first_name, last_name, email, department, title, manager_id, location, employment_type, status, hire_date, termination_date"
new_people() { # the original people, as the first import finds them
  if [[ "$SOURCE" == "table" ]]; then
    pg -d "$HR_DB" -c "truncate hr_people" -c "\\copy hr_people ($COLUMNS) from '$WORK/people-original.csv' csv header"
  else
    cp "$WORK/people-original.csv" "$WORK/people.csv"
  fi
}
change_people() { # 1% of them moved, as the re-import finds them
  if [[ "$SOURCE" == "table" ]]; then
    pg -d "$HR_DB" -c "create temporary table changed (like hr_people including defaults)" \
      -c "\\copy changed ($COLUMNS) from '$WORK/people-changed.csv' csv header" \
      -c "update hr_people h set department = c.department, updated_at = clock_timestamp()
          from changed c where c.employee_id = h.employee_id and c.department <> h.department"
  else
    cp "$WORK/people-changed.csv" "$WORK/people.csv"
  fi
}

load() { cut -d' ' -f1 /proc/loadavg; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# plan and import run with the full JIT, as the launcher runs them (TENURE_JIT=quick: C1 only, as it
# ran every command before); the start-up figure (`plans`) always with C1, as the launcher runs it
JIT_OPTIONS=""
[[ "${TENURE_JIT:-full}" == "full" ]] || JIT_OPTIONS="-XX:TieredStopAtLevel=1"
tenure() { # tenure APP ARGS...: the unpacked jar, as the launcher runs it
  local app="$1" jit="$JIT_OPTIONS"
  shift
  [[ "$1" != "plans" ]] || jit="-XX:TieredStopAtLevel=1"
  java -XX:+UseSerialGC -Xshare:auto -Xlog:disable -Xlog:all=error:stderr $jit \
    ${TENURE_JAVA_OPTS:-} ${JFR_OPTIONS:-} -jar "$app/tenure.jar" "$@"
}
until_stored() { # until_stored OUT APP ARGS...: seconds until the import is printed, then stops it
  local out="$1" start pid
  shift
  start="$EPOCHREALTIME"
  (cd "$WORK" && tenure "$@") >"$out.raw" 2>"$out.err" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && ! grep -qs '^Import' "$out.raw"; do sleep 0.05; done
  printf '%s' "$(seconds "$start" "$EPOCHREALTIME")"
  sleep 0.5 # the plan's lines follow the import's
  # $pid is the subshell: stop its JVM first, or the subshell waits for it (and the JVM, its target
  # unreachable, would go on retrying the plan's operations)
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  grep -q '^Import' "$out.raw" || { cat "$out.err" >&2; echo "import-plan: FAILED: $*" >&2; exit 1; }
}
summary() { grep -h 'rows:\|^Plan:\|^Summary' "$@" | sed 's/^ */    /'; }

echo "import-plan: N=$N, source $SOURCE, JIT ${TENURE_JIT:-full}, load average $(load)"
for at in "${!APPS[@]}"; do
  app="${APPS[$at]}"
  export TENURE_HOME="$WORK/home-$(basename "$(dirname "$app")")-$RANDOM"
  new_people
  (cd "$WORK" && tenure "$app" plans >/dev/null 2>&1)
  start="$EPOCHREALTIME"
  (cd "$WORK" && tenure "$app" plans >/dev/null 2>&1)
  startup="$(seconds "$start" "$EPOCHREALTIME")"
  load0="$(load)"
  start="$EPOCHREALTIME"
  (cd "$WORK" && /usr/bin/time -f '%M' -o "$WORK/rss" java -XX:+UseSerialGC -Xshare:auto -Xlog:disable \
    -Xlog:all=error:stderr $JIT_OPTIONS -Xlog:gc:file="$WORK/gc.log" ${TENURE_JAVA_OPTS:-} \
    -jar "$app/tenure.jar" plan 2>"$WORK/plan.err") \
    | perl -ne 'if (/^    /) { $n++ } else { print } END { print "($n plan lines)\n" }' >"$WORK/plan.out"
  plan="$(seconds "$start" "$EPOCHREALTIME")"
  heap="$(grep -o '[0-9]*M->' "$WORK/gc.log" | sed 's/M->//' | sort -n | tail -1 || true)"
  load1="$(load)"
  jfr=""
  [[ -z "${BENCH_JFR:-}" ]] || jfr="-XX:StartFlightRecording=filename=$BENCH_JFR-$((at + 1)).jfr,settings=profile -XX:FlightRecorderOptions=stackdepth=256"
  first="$(JFR_OPTIONS="$jfr" until_stored "$WORK/first" "$app" import --source hr)"
  load2="$(load)"
  change_people
  again="$(TENURE_JAVA_OPTS="${TENURE_JAVA_OPTS:-}${BENCH_JFR_REIMPORT:+ -XX:StartFlightRecording=filename=$BENCH_JFR_REIMPORT,settings=profile}" \
    until_stored "$WORK/again" "$app" import --source hr)"
  load3="$(load)"
  echo "$app: start-up ${startup} s; dry-run plan ${plan} s (peak heap before GC ${heap:-?} MiB," \
    "RSS $(($(cat "$WORK/rss") / 1024)) MiB); first import+plan+store ${first} s;" \
    "re-import 1% changed ${again} s; load average ${load0} / ${load1} / ${load2} / ${load3}"
  summary "$WORK/plan.out" "$WORK/first.raw" "$WORK/again.raw"
  if [[ "${BENCH_STOP:-0}" == "1" ]]; then
    export TENURE_HOME="$TENURE_HOME-stopped"
    new_people
    (cd "$WORK" && tenure "$app" plans >/dev/null 2>&1)
    start="$EPOCHREALTIME"
    (cd "$WORK" && tenure "$app" import --source hr) >"$WORK/stopped.raw" 2>"$WORK/stopped.err" &
    pid=$!
    # the progress line "import hr: 52001 read, ..." comes every few seconds
    while kill -0 "$pid" 2>/dev/null && ! grep -q '^Import' "$WORK/stopped.raw" && ! tr '\r' '\n' <"$WORK/stopped.err" \
      | awk -v half="$((N / 2))" '/^import hr: [0-9]+ read/ && $3 >= half { found = 1 } END { exit !found }'; do
      sleep 0.05
    done
    pkill -KILL -P "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    killed="$(seconds "$start" "$EPOCHREALTIME")"
    read_rows="$(tr '\r' '\n' <"$WORK/stopped.err" | awk '/^import hr: [0-9]+ read/ { n = $3 } END { print n + 0 }')"
    ! grep -q '^Import' "$WORK/stopped.raw" || { echo "import-plan: FAILED: the import ended before it was killed" >&2; exit 1; }
    resumed="$(until_stored "$WORK/resumed" "$app" import --source hr)"
    kept="$(grep -o '[0-9]* unchanged' "$WORK/resumed.raw" | head -1 | cut -d' ' -f1)"
    echo "  stopped first import: killed (SIGKILL) after ${killed} s with ${read_rows} rows read;" \
      "it kept ${kept:-?} people; the next import+plan+store ${resumed} s (a whole first: ${first} s);" \
      "load average $(load)"
    summary "$WORK/resumed.raw"
  fi
done
