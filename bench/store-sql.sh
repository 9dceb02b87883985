#!/usr/bin/env bash
# Sourced by the benchmark scripts that read a Tenure home's embedded PostgreSQL. Needs ROOT (the
# project root), WORK (where tenure.yaml is) and TENURE_HOME.
#
# store_sql SQL: runs it with psql on the store of TENURE_HOME, which must be running (a server,
# or a command's store kept up by TENURE_STORE_IDLE_TIMEOUT).
# store_preload_pg_stat_statements: stops the store and has it preload pg_stat_statements from its
# next start (the extension itself is created by `create extension` once it runs).
# stop_left_stores DIR: stops the embedded PostgreSQL of every Tenure home under DIR that a run
# left behind (an interrupted command or server), by the PID in its postmaster.pid, nothing else.
store_sql() {
  PGPASSWORD="$(cat "$TENURE_HOME/postgres.password")" psql -X -q -h 127.0.0.1 \
    -p "$(sed -n 4p "$TENURE_HOME/postgres/postmaster.pid")" -U postgres -d postgres -c "$1"
}

store_preload_pg_stat_statements() {
  (cd "$WORK" && "$ROOT/tenure" store stop >/dev/null 2>&1) || true
  echo "shared_preload_libraries = 'pg_stat_statements'" >>"$TENURE_HOME/postgres/postgresql.conf"
}

stop_left_stores() {
  local pidfile pid
  for pidfile in $(find "$1" -name postmaster.pid 2>/dev/null); do
    pid="$(head -1 "$pidfile")"
    if [[ -n "$pid" ]] && grep -q postgres "/proc/$pid/cmdline" 2>/dev/null; then
      kill -INT "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done
}
