#!/usr/bin/env bash
# Initial load: N people from an HR CSV into an empty OpenLDAP by `./tenure apply --yes`, against a
# same-run baseline: one `ldapadd` (one connection) of the same entries and groups. Starts its own
# OpenLDAP on a free loopback port (stopped and purged on exit), checks the directory after each
# load and fails (exit 1) if it is not what the CSV says. See bench/README.md.
# Usage: bench/initial-load.sh [N]     (default 1000)
# Env:   BENCH_JFR=FILE      record a JFR profile (settings=profile) of the apply into FILE
#        BENCH_LDAP_BATCH=maxGrants=20000,...  the LDAP target's batch settings (default: the connector's)
#        BENCH_KEEP=1        keep the work folder (CSV, LDIF, tenure.yaml, outputs, GC log)
#        TENURE_JAVA_OPTS    extra JVM options for every Tenure run, as for ./tenure
#        BENCH_PGSS=1        the embedded PostgreSQL preloads pg_stat_statements for the apply, and the
#                            summary ends with its 12 most costly statements (execution time)
#        BENCH_LDAP_SORTVALS=1  both directories keep the values of `member` sorted (olcSortVals:
#                            member), as OpenLDAP advises for large groups: without it, each modify
#                            that adds members compares them with every member already there
set -euo pipefail
N="${1:-1000}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/initial-load.sh [N]" >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d /tmp/tenure-initial-load.XXXXXX)"
LDAP_DIR="$WORK/ldap"
source "$ROOT/bench/openldap.sh"

source "$ROOT/bench/store-sql.sh"
# Stops what this run started: its OpenLDAP, and the embedded PostgreSQL of its Tenure home if an
# interrupted Tenure run left it behind (by the PID in its postmaster.pid, nothing else).
cleanup() {
  "$ROOT/../shared/tools/stop-openldap.sh" "$LDAP_DIR" --purge >/dev/null 2>&1 || true
  stop_left_stores "$WORK/home"
  if [[ "${BENCH_KEEP:-0}" == "1" ]]; then echo "work folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
# the CPU seconds the directory (the slapd of LDAP_DIR) has used so far: what it had to do, whoever
# asked; compared with the wall time it says whether the directory was the bottleneck
directory_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$(cat "$LDAP_DIR/slapd.pid")/stat"
}
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Checks the directory against the CSV: N entries under ou=people, staff has N members, every
# department's group as many members as the CSV has people in that department.
check_directory() {
  local label="$1" people numbered staff group expected actual failed=0
  bench_search -b "$PEOPLE_BASE" -s one -E pr=1000/noprompt '(objectClass=inetOrgPerson)' '*' \
    >"$WORK/$label-people.ldif" || true
  people="$(grep -c '^dn:' "$WORK/$label-people.ldif" || true)"
  numbered="$(grep -c '^uid: .*[0-9]$' "$WORK/$label-people.ldif" || true)"
  staff="$(group_members staff)"
  [[ "$people" == "$N" ]] || { echo "$label: FAILED: $people entries under $PEOPLE_BASE, not $N" >&2; failed=1; }
  [[ "$staff" == "$N" ]] || { echo "$label: FAILED: staff has $staff members, not $N" >&2; failed=1; }
  while IFS=$'\t' read -r group expected; do
    actual="$(group_members "$group")"
    [[ "$actual" == "$expected" ]] \
      || { echo "$label: FAILED: group $group has $actual members, the CSV $expected" >&2; failed=1; }
  done <"$WORK/departments.tsv"
  ((failed == 0)) || exit 1
  echo "$label: checked: $people entries ($numbered numbered usernames), staff $staff members," \
    "$(wc -l <"$WORK/departments.tsv") department groups as in the CSV" >&2
}

LOAD_START="$(load)"
echo "initial-load: N=$N, work folder $WORK, load average $LOAD_START" >&2

# 0. Build the jar now if the sources changed (the launcher does it on first use), so that no
#    timed run includes a build.
./tenure --version >/dev/null

# 1. The HR CSV, tenure.yaml and the baseline LDIF; the CSV's head count per department group.
java bench/InitialLoadData.java "$N" "$WORK"
department_counts "$WORK/people.csv" >"$WORK/departments.tsv"

# 2. + 3. Baseline: a fresh OpenLDAP, one ldapadd of the same entries and groups.
start_bench_openldap "$LDAP_DIR"
tune_bench_openldap "$N" "${BENCH_LDAP_SORTVALS:-0}"
echo "baseline: OpenLDAP on $LDAP_URL${BENCH_LDAP_SORTVALS:+ (olcSortVals: member)}" >&2
BASELINE_CPU_START="$(directory_cpu)"
BASELINE_START="$EPOCHREALTIME"
ldapadd -x -H "$LDAP_URL" -D "$ADMIN" -w "$PASSWORD" -f "$WORK/baseline.ldif" >/dev/null
BASELINE_END="$EPOCHREALTIME"
BASELINE_CPU="$(awk -v a="$BASELINE_CPU_START" -v b="$(directory_cpu)" 'BEGIN { printf "%.2f", b - a }')"
BASELINE="$(seconds "$BASELINE_START" "$BASELINE_END")"
LOAD_BASELINE="$(load)"
check_directory baseline

# Back to the empty base: a fresh instance (new data folder content, new free port).
"$ROOT/../shared/tools/stop-openldap.sh" "$LDAP_DIR" --purge >/dev/null 2>&1
start_bench_openldap "$LDAP_DIR"
tune_bench_openldap "$N" "${BENCH_LDAP_SORTVALS:-0}"
echo "tenure: OpenLDAP on $LDAP_URL${BENCH_LDAP_SORTVALS:+ (olcSortVals: member)}" >&2

# 4. Tenure, in a fresh home under the work folder (the embedded PostgreSQL lives there).
export TENURE_HOME="$WORK/home" BENCH_LDAP_URL="$LDAP_URL" BENCH_LDAP_PASSWORD="$PASSWORD"
timed() { # timed NAME COMMAND...: runs it in the work folder, sets NAME to its seconds
  local name="$1" start
  shift
  start="$EPOCHREALTIME"
  (cd "$WORK" && "$@")
  printf -v "$name" '%s' "$(seconds "$start" "$EPOCHREALTIME")"
}
# The plan lines (4 spaces and more) are counted, not kept: at a million people they are GBs.
drop_plan_lines() { perl -ne 'if (/^    /) { $n++ } else { print } END { print "($n plan lines)\n" }'; }
timed STORE_INIT "$ROOT/tenure" plans >/dev/null          # first start: creates the store
timed STARTUP "$ROOT/tenure" plans >/dev/null             # start-up and shutdown alone
PLAN_START="$EPOCHREALTIME"                              # import + plan, rolled back
(cd "$WORK" && "$ROOT/tenure" plan) | drop_plan_lines >"$WORK/plan.out" \
  || { cat "$WORK/plan.out" >&2; echo "tenure plan: FAILED" >&2; exit 1; }
PLAN="$(seconds "$PLAN_START" "$EPOCHREALTIME")"
grep -q "^  hr: people.csv: $N rows: $N new" "$WORK/plan.out" \
  || { cat "$WORK/plan.out" >&2; echo "tenure plan: FAILED: not $N new people" >&2; exit 1; }

# BENCH_PGSS=1: the server preloads pg_stat_statements from its next start (the apply's)
pg_query() { # pg_query SQL: runs it on the store of TENURE_HOME, kept up a minute for it
  (cd "$WORK" && TENURE_STORE_IDLE_TIMEOUT=PT1M "$ROOT/tenure" plans >/dev/null)
  store_sql "$1"
}
if [[ "${BENCH_PGSS:-0}" == "1" ]]; then
  store_preload_pg_stat_statements
  pg_query "create extension if not exists pg_stat_statements; select pg_stat_statements_reset()" >/dev/null
  (cd "$WORK" && "$ROOT/tenure" store stop >/dev/null)
fi

APPLY_OPTS="${TENURE_JAVA_OPTS:-} -Xlog:gc:file=$WORK/gc-apply.log"
[[ -z "${BENCH_JFR:-}" ]] || APPLY_OPTS+=" -XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile"
# The apply prints the import and the plan once they are stored (one transaction), before it
# executes: the time of its first line splits the run into import+plan+store and execution.
APPLY_CPU_START="$(directory_cpu)"
APPLY_START="$EPOCHREALTIME"
set +e
(cd "$WORK" && TENURE_JAVA_OPTS="$APPLY_OPTS" /usr/bin/time -v -o "$WORK/apply.time" \
  "$ROOT/tenure" apply --yes) \
  | STAMPS="$WORK/apply.stamps" SLAPD_STAT="/proc/$(cat "$LDAP_DIR/slapd.pid")/stat" HZ="$(getconf CLK_TCK)" \
    perl -MTime::HiRes=time -ne '
      BEGIN { open(STAMPS, ">", $ENV{STAMPS}) or die; }
      sub cpu { open(my $f, "<", $ENV{SLAPD_STAT}) or return 0; my @f = split / /, <$f>;
        return ($f[13] + $f[14]) / $ENV{HZ}; }
      if (!$stored && /^Import/) { $stored = 1; printf STAMPS "stored %.6f %.2f\n", time, cpu(); }
      if (/^Applied plan /) { printf STAMPS "executed %.6f %.2f\n", time, cpu(); }
      if (/^    /) { $n++ } else { print }
      END { print "($n plan lines)\n"; }' >"$WORK/apply.out"
APPLY_STATUS="${PIPESTATUS[0]}"
set -e
APPLY_END="$EPOCHREALTIME"
APPLY="$(seconds "$APPLY_START" "$APPLY_END")"
if [[ "$APPLY_STATUS" != 0 ]]; then
  cat "$WORK/apply.out" >&2
  echo "tenure apply: FAILED (exit $APPLY_STATUS)" >&2
  exit 1
fi
grep -q "^Applied plan .*: $((3 * N)) succeeded, 0 failed" "$WORK/apply.out" \
  || { cat "$WORK/apply.out" >&2; echo "tenure apply: FAILED: not $((3 * N)) operations succeeded" >&2; exit 1; }
STORED_AT="$(awk '$1 == "stored" { print $2 }' "$WORK/apply.stamps")"
EXECUTED_AT="$(awk '$1 == "executed" { print $2 }' "$WORK/apply.stamps")"
STORED_CPU="$(awk '$1 == "stored" { print $3 }' "$WORK/apply.stamps")"
EXECUTED_CPU="$(awk '$1 == "executed" { print $3 }' "$WORK/apply.stamps")"

# 5. The directory after Tenure.
check_directory tenure
# (comment lines, such as the paged results cookie, differ between any two searches)
entries() { grep -v '^#' "$1" | sort; }
if cmp -s <(entries "$WORK/baseline-people.ldif") <(entries "$WORK/tenure-people.ldif"); then
  SAME_ENTRIES=yes
else
  SAME_ENTRIES="no: $(diff <(entries "$WORK/baseline-people.ldif") <(entries "$WORK/tenure-people.ldif") \
    | grep -c '^[<>]' || true) lines differ"
fi
LOAD_END="$(load)"

# 6. Summary.
RSS_MIB="$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/apply.time")"
HEAP_MIB="$(perl -ne 'while (/(\d+)([KMG])->/g) { $v = $1 * {K => 1 / 1024, M => 1, G => 1024}->{$2};
  $max = $v if $v > $max } END { printf "%.0f", $max }' "$WORK/gc-apply.log")"
# the live set: the most heap still in use right after a full collection (after a young one, the
# old generation's garbage still counts), and how many full collections there were
LIVE_MIB="$(perl -ne 'next unless /Pause Full/; $n++; while (/->(\d+)([KMG])\(/g) {
  $v = $1 * {K => 1 / 1024, M => 1, G => 1024}->{$2}; $max = $v if $v > $max }
  END { printf "%.0f MiB (%d full collections)", $max, $n }' "$WORK/gc-apply.log")"
awk -v n="$N" -v baseline="$BASELINE" -v apply="$APPLY" -v startup="$STARTUP" -v plan="$PLAN" \
  -v init="$STORE_INIT" -v start="$APPLY_START" -v stored="$STORED_AT" -v executed="$EXECUTED_AT" \
  -v end="$APPLY_END" -v baseline_cpu="$BASELINE_CPU" -v apply_cpu="$APPLY_CPU_START" -v stored_cpu="$STORED_CPU" \
  -v executed_cpu="$EXECUTED_CPU" -v load_start="$LOAD_START" -v load_baseline="$LOAD_BASELINE" \
  -v load_end="$LOAD_END" -v groups="$(wc -l <"$WORK/departments.tsv")" -v rss="$RSS_MIB" -v heap="$HEAP_MIB" -v live="$LIVE_MIB" 'BEGIN {
  printf "initial load of %d people (staff + %d department groups; Tenure: %d operations)\n", n, groups, 3 * n
  printf "load average (1 min): %s at start, %s after the baseline, %s at end\n", load_start, load_baseline, load_end
  printf "baseline: ldapadd, one connection: %.2f s = %.0f people/s\n", baseline, n / baseline
  printf "tenure:   apply --yes: %.2f s = %.0f people/s (store already created: first start %.2f s)\n", apply, n / apply, init
  printf "          of which start-up and shutdown ~%.2f s (tenure plans), import+plan+store %.2f s," \
    " execution %.2f s, after the last operation %.2f s\n", startup, stored - start - startup, executed - stored, end - executed
  printf "          tenure plan (dry run, separate run): %.2f s, import+plan %.2f s without start-up\n", plan, plan - startup
  printf "tenure speed / baseline speed: %.1f%% (%.1f%% without start-up)\n", 100 * baseline / apply, 100 * baseline / (apply - startup)
  printf "directory CPU (slapd): baseline %.2f s (%.0f%% of its wall time); tenure: %.2f s before the" \
    " plan was stored, %.2f s in execution (%.0f%% of its wall time)\n", baseline_cpu, 100 * baseline_cpu / baseline,
    stored_cpu - apply_cpu, executed_cpu - stored_cpu, 100 * (executed_cpu - stored_cpu) / (executed - stored)
  printf "apply JVM: peak RSS %s MiB, peak heap used before a GC %s MiB, after a full GC %s\n", rss, heap, live
  printf "apply phases (epoch ms): start %.0f, stored %.0f, executed %.0f, end %.0f\n", start * 1000, stored * 1000, executed * 1000, end * 1000
}'
echo "people entries line for line the same as the baseline's (sorted): $SAME_ENTRIES"
if [[ "${BENCH_PGSS:-0}" == "1" ]]; then
  echo "PostgreSQL's most costly statements in the apply (pg_stat_statements; seconds of execution):"
  pg_query "select round(total_exec_time::numeric / 1000, 2) as seconds, calls, rows,
    shared_blks_read as blocks_read, left(regexp_replace(query, '\s+', ' ', 'g'), 90) as statement
    from pg_stat_statements order by total_exec_time desc limit 12"
  (cd "$WORK" && "$ROOT/tenure" store stop >/dev/null)
fi
if [[ -n "${BENCH_JFR:-}" ]]; then
  awk -v start="$APPLY_START" -v startup="$STARTUP" -v stored="$STORED_AT" -v executed="$EXECUTED_AT" \
    -v jfr="$BENCH_JFR" 'BEGIN { printf "profile: java bench/HotMethods.java %s start-up=%.0f-%.0f" \
    " import+plan+store=%.0f-%.0f execution=%.0f-%.0f\n", jfr, start * 1000, (start + startup) * 1000,
    (start + startup) * 1000, stored * 1000, stored * 1000, executed * 1000 }'
fi
