#!/usr/bin/env bash
# stop-samba-dc.sh — stop the throwaway Samba DC started by start-samba-dc.sh.
#
# Usage: stop-samba-dc.sh [DIR] [--purge]      (default DIR: /tmp/tenure-samba-dc)
# Stops the samba process whose PID is in DIR/samba.pid (and only that one); --purge also deletes
# DIR (the domain, its generated admin password and certificates).
set -euo pipefail

DIR="${1:-/tmp/tenure-samba-dc}"
PURGE=0
[[ "${2:-}" == "--purge" || "${1:-}" == "--purge" ]] && PURGE=1
[[ "${1:-}" == "--purge" ]] && DIR="/tmp/tenure-samba-dc"
case "$DIR" in /|"") echo "[stop-samba-dc] refusing DIR '$DIR'" >&2; exit 2;; esac
PIDFILE="$DIR/samba.pid"

if [[ -f "$PIDFILE" ]]; then
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -q samba "/proc/$pid/cmdline" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" || true
    echo "[stop-samba-dc] stopped $pid" >&2
  fi
  rm -f "$PIDFILE"
fi
if [[ $PURGE -eq 1 && -d "$DIR" ]]; then
  rm -rf "$DIR"
  echo "[stop-samba-dc] deleted $DIR" >&2
fi
