#!/usr/bin/env bash
# Sourced by the benchmark scripts that need their own OpenLDAP. Needs ROOT (the project root).
#
# start_bench_openldap DIR: starts a separate OpenLDAP with its data in DIR
# (LDAP_NOSYNC=1 ../shared/tools/start-openldap.sh PORT DIR) on a free loopback port and sets
# LDAP_PORT and LDAP_URL. The port is drawn at random between 10000 and the start of the kernel's
# ephemeral range (so that no outgoing connection takes it meanwhile) among those nothing listens
# on; if slapd cannot have it after all (bound by someone else in between), another is drawn.
# Stop it with ../shared/tools/stop-openldap.sh DIR [--purge]. Then tune_bench_openldap (below).
#
# The directory's suffix, its administrator and the bases InitialLoadData.java writes under, and:
# bench_search ARGS...: ldapsearch on LDAP_URL as the administrator, one line per value;
# group_members GROUP: how many members the group under GROUPS_BASE has;
# department_counts CSV: each department group and how many people the HR CSV has in it, sorted.
ADMIN="cn=admin,dc=example,dc=com"
PASSWORD="secret" # ../shared/tools/start-openldap.sh's
PEOPLE_BASE="ou=people,dc=example,dc=com"
GROUPS_BASE="ou=groups,dc=example,dc=com"
bench_search() { ldapsearch -LLL -x -o ldif-wrap=no -H "$LDAP_URL" -D "$ADMIN" -w "$PASSWORD" "$@"; }
group_members() {
  bench_search -b "cn=$1,$GROUPS_BASE" -s base '(objectClass=*)' member 2>/dev/null | grep -c '^member:' || true
}
department_counts() {
  awk -F, 'NR > 1 { group = tolower($5); gsub(/ /, "-", group); count[group]++ }
    END { for (group in count) print group "\t" count[group] }' "$1" | sort
}
start_bench_openldap() {
  local dir="$1" first last port attempt pid
  pid="$(cat "$dir/slapd.pid" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && grep -q slapd "/proc/$pid/cmdline" 2>/dev/null; then
    echo "bench: an OpenLDAP (pid $pid) already runs from $dir: another benchmark run?" >&2
    return 1
  fi
  read -r first last </proc/sys/net/ipv4/ip_local_port_range
  ((first > 11000)) || first=30000
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((10000 + (RANDOM * 32768 + RANDOM) % (first - 10000)))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      continue # something listens there
    fi
    if LDAP_NOSYNC=1 "$ROOT/../shared/tools/start-openldap.sh" "$port" "$dir" >/dev/null; then
      LDAP_PORT="$port"
      LDAP_URL="ldap://127.0.0.1:$port"
      return 0
    fi
    echo "bench: OpenLDAP did not start on port $port (attempt $attempt); trying another" >&2
  done
  echo "bench: could not start OpenLDAP on a free loopback port" >&2
  return 1
}

# tune_bench_openldap N [SORTVALS]: sizes the started OpenLDAP (LDAP_URL) for N people; SORTVALS 1
# also keeps the values of `member` sorted (olcSortVals), as OpenLDAP advises for large groups.
tune_bench_openldap() {
  local n="$1" sortvals="${2:-0}" config_password="secret" # ../shared/tools/start-openldap.sh's
  # The baseline's LDIF holds staff with all N members in one entry (about 45 bytes a member): past
  # about 350,000 people that add is larger than OpenLDAP's default limit on a bound client's request
  # (sockbuf_max_incoming_auth, 16 MiB), and slapd would drop the connection. Every directory gets a
  # limit that fits it; Tenure's requests are bounded by its own batch.maxBytes either way.
  printf 'dn: cn=config\nchangetype: modify\nreplace: olcSockbufMaxIncomingAuth\nolcSockbufMaxIncomingAuth: %d\n' \
    $((64 * n + 4194304)) | ldapmodify -x -H "$LDAP_URL" -D cn=admin,cn=config -w "$config_password" >/dev/null
  # The database's map (4 GiB as started) grows with N: 16 KiB a person, at least the 4 GiB.
  printf 'dn: olcDatabase={1}mdb,cn=config\nchangetype: modify\nreplace: olcDbMaxSize\nolcDbMaxSize: %d\n' \
    $((16384 * n > 4294967296 ? 16384 * n : 4294967296)) \
    | ldapmodify -x -H "$LDAP_URL" -D cn=admin,cn=config -w "$config_password" >/dev/null
  [[ "$sortvals" == "1" ]] || return 0
  printf 'dn: olcDatabase={-1}frontend,cn=config\nchangetype: modify\nadd: olcSortVals\nolcSortVals: member\n' \
    | ldapmodify -x -H "$LDAP_URL" -D cn=admin,cn=config -w "$config_password" >/dev/null
}
