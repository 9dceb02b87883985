#!/usr/bin/env bash
# start-samba-dc.sh — start a throwaway Active Directory domain controller (Samba) on loopback,
# for the LDAP connector's Active Directory integration tests.
#
# Usage: start-samba-dc.sh [--reset] [DIR]     (default DIR: /tmp/tenure-samba-dc)
#
# Needs root (Samba's DC listens on the fixed ports 389 and 636 and provisions as root). Installs
# what is missing from Debian, non-interactively:
#   samba samba-ad-dc winbind krb5-user ldb-tools smbclient (the DC), ldap-utils (the readiness
#   probe), openssl (the test certificates).
#
# What you get (one DC per machine: its ports are fixed):
#   realm EXAMPLE.TEST, NetBIOS domain EXAMPLE, base DN DC=example,DC=test
#   LDAPS on 127.0.0.1:636 (and ldap on 389, which refuses simple binds without TLS), loopback only
#   admin  CN=Administrator,CN=Users,DC=example,DC=test, password GENERATED at provisioning and
#          written to DIR/admin-password (mode 0600, no trailing newline)
#   TLS    a throwaway CA (DIR/tls/ca.pem) and a server certificate for localhost and 127.0.0.1
#          signed by it, so that clients verify the chain and the host name
# Data, logs and the PID file live in DIR; nothing outside DIR is written (apart from the install).
#
# Idempotent: when the DC of DIR already runs and answers LDAPS, it is reused (tests share one DC
# per run and per machine; concurrent starts wait on a lock in DIR). An existing provisioned DIR is started again with its data, unless
# --reset is given (stop, wipe, provision anew).
# Prints the connection facts on stdout, one key=value per line:
#   url, bindDn, passwordFile, caFile, baseDn, pid
# Everything else goes to stderr. Exit codes: 0 running, 1 failed to start, 2 cannot run here
# (not root, no apt-get, port taken by another process).
set -euo pipefail

RESET=0
if [[ "${1:-}" == "--reset" ]]; then RESET=1; shift; fi
DIR="${1:-/tmp/tenure-samba-dc}"
REALM="EXAMPLE.TEST"
DOMAIN="EXAMPLE"
BASE_DN="DC=example,DC=test"
ADMIN_DN="CN=Administrator,CN=Users,$BASE_DN"
URL="ldaps://127.0.0.1:636"

log() { echo "[start-samba-dc] $*" >&2; }

case "$DIR" in /|"") log "refusing DIR '$DIR'"; exit 2;; esac
if [[ $(id -u) -ne 0 ]]; then
  log "needs root: Samba's DC binds ports 389 and 636 and provisions as root"; exit 2
fi
export PATH="$PATH:/usr/sbin:/sbin"

# --- install -------------------------------------------------------------------------------------
missing=()
command -v samba >/dev/null || missing+=(samba samba-ad-dc winbind krb5-user ldb-tools smbclient)
command -v samba-tool >/dev/null || missing+=(samba-ad-dc)
command -v ldapsearch >/dev/null || missing+=(ldap-utils)
command -v openssl >/dev/null || missing+=(openssl)
if [[ ${#missing[@]} -gt 0 ]]; then
  command -v apt-get >/dev/null || { log "missing ${missing[*]} and no apt-get to install them"; exit 2; }
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=120 update -qq >&2 || true
  apt-get -o DPkg::Lock::Timeout=120 install -y -qq \
    samba samba-ad-dc winbind krb5-user ldb-tools smbclient ldap-utils openssl >&2 \
    || { log "apt-get install failed"; exit 2; }
fi

mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
# test runs started at the same time wait for each other here, then share the DC
exec 9>"$DIR/.start.lock"
flock -w 300 9 || { log "another start of the DC in $DIR holds the lock for 300 s"; exit 1; }
PIDFILE="$DIR/samba.pid"
LOGFILE="$DIR/samba.log"
PASSWORD_FILE="$DIR/admin-password"
CA_FILE="$DIR/tls/ca.pem"

facts() {
  printf 'url=%s\nbindDn=%s\npasswordFile=%s\ncaFile=%s\nbaseDn=%s\npid=%s\n' \
    "$URL" "$ADMIN_DN" "$PASSWORD_FILE" "$CA_FILE" "$BASE_DN" "$1"
}

running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid; pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -q samba "/proc/$pid/cmdline" 2>/dev/null \
    && { echo "$pid"; return 0; }
  return 1
}

# LDAPS answers with a certificate of our CA and the admin can bind: the DC is healthy.
ldaps_answers() {
  LDAPTLS_CACERT="$CA_FILE" LDAPTLS_REQCERT=demand timeout 10 ldapsearch -x -LLL -o nettimeout=5 \
    -H "$URL" -D "$ADMIN_DN" -y "$PASSWORD_FILE" -b "$BASE_DN" -s base dn >/dev/null 2>&1
}

stop_running() {
  local pid="$1"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

if [[ $RESET -eq 1 ]]; then
  if pid="$(running_pid)"; then log "stopping running DC $pid for --reset"; stop_running "$pid"; fi
  rm -rf "${DIR:?}"/* "$DIR/.provisioned"
fi

if pid="$(running_pid)"; then
  for _ in $(seq 1 60); do ldaps_answers && break; sleep 1; done
  if ldaps_answers; then
    log "already running: pid $pid $URL, data in $DIR"
    facts "$pid"; exit 0
  fi
  log "DC $pid of $DIR runs but does not answer LDAPS; restarting it"
  stop_running "$pid"
fi

for port in 389 636; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    log "port $port on 127.0.0.1 is taken by another process (one DC per machine); stop it first"
    exit 2
  fi
done

# --- provision -----------------------------------------------------------------------------------
make_certificates() {
  local tls="$DIR/tls"
  mkdir -p "$tls"
  (
    cd "$tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Tenure test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout key.pem -out server.csr \
      2>/dev/null
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
      "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 \
      -extfile server.ext -out cert.pem 2>/dev/null
    chmod 0600 key.pem ca-key.pem
    rm -f server.csr server.ext
  )
}

if [[ ! -f "$DIR/.provisioned" ]]; then
  log "provisioning realm $REALM into $DIR (about 15 s)"
  rm -rf "${DIR:?}"/*
  mkdir -p "$DIR/run"
  make_certificates
  # AD's default policy wants upper and lower case, a digit and a symbol
  (umask 077; printf 'Tn-%s-9x' "$(openssl rand -hex 12)" >"$PASSWORD_FILE")
  chmod 0600 "$PASSWORD_FILE"
  samba-tool domain provision --use-rfc2307 --realm="$REALM" --domain="$DOMAIN" \
    --server-role=dc --dns-backend=NONE --host-name=dc1 --adminpass="$(cat "$PASSWORD_FILE")" \
    --targetdir="$DIR" \
    --option="interfaces=lo" --option="bind interfaces only=yes" \
    --option="pid directory=$DIR/run" \
    --option="tls enabled=yes" --option="tls keyfile=$DIR/tls/key.pem" \
    --option="tls certfile=$DIR/tls/cert.pem" --option="tls cafile=$DIR/tls/ca.pem" \
    >"$DIR/provision.log" 2>&1 \
    || { tail -30 "$DIR/provision.log" >&2; log "provisioning failed"; exit 1; }
  touch "$DIR/.provisioned"
fi

# --- start ---------------------------------------------------------------------------------------
nohup samba -s "$DIR/etc/smb.conf" -i -M single >>"$LOGFILE" 2>&1 </dev/null 9>&- &
PID=$!
echo "$PID" >"$PIDFILE"
for _ in $(seq 1 240); do
  if ldaps_answers; then
    log "started: pid $PID $URL, data in $DIR; bind $ADMIN_DN with the password in $PASSWORD_FILE"
    facts "$PID"; exit 0
  fi
  if ! kill -0 "$PID" 2>/dev/null; then
    log "samba exited during start-up; log:"; tail -30 "$LOGFILE" >&2; rm -f "$PIDFILE"; exit 1
  fi
  sleep 0.5
done
log "samba (pid $PID) did not answer on $URL within 120 s; log:"; tail -30 "$LOGFILE" >&2
exit 1
