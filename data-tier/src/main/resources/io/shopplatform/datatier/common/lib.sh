# Sourced by every data-tier script: the topology, logging, and short SQL sessions with the members.
# Scripts read the pod's environment (HOSTNAME, TMPDIR, ...) and topology.sh; nothing else differs by place.
DATA_TIER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$DATA_TIER_DIR/topology.sh"
RUN_DIR="${TMPDIR:-/tmp}"

log() { echo "$(date -u '+%F %T.%3N') ${0##*/}: $*" >&2; }

# Lookups in topology.sh's tables: member_host pg1, pooler_port 2, ...
field() { local v="$1_$2"; echo "${!v:-}"; }
member_host() { field member_host "$1"; }
member_port() { field member_port "$1"; }
member_listen() { field member_listen "$1"; }
member_backup_port() { field member_backup_port "$1"; }
slot_of() { echo "slot_$1"; }

# The member or pooler this process is, from the pod's name (HOSTNAME).
member_of_pod() {
  local m; for m in $MEMBERS; do [ "$(field member_pod "$m")" = "$1" ] && { echo "$m"; return 0; }; done
  log "pod $1 is not a member of $MEMBERS"; return 1
}
pooler_of_pod() {
  local p; for p in $POOLERS; do [ "$(field pooler_pod "$p")" = "$1" ] && { echo "$p"; return 0; }; done
  log "pod $1 is not one of the poolers"; return 1
}

# sql <member> <statement>...: statements as the superuser in one session, each in its own transaction; the
# results unaligned; fails if the member does not answer. Statements here carry no secrets; SQL with a password goes
# through standard input (psql does not interpolate -v variables in -c).
sql() {
  local member="$1"; shift
  local commands=() statement
  for statement in "$@"; do commands+=(-c "$statement"); done
  PGCONNECT_TIMEOUT=3 "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$(member_host "$member")" \
    -p "$(member_port "$member")" -U "$SUPERUSER" -d postgres "${commands[@]}"
}

# in_recovery <member>: t for a standby, f for a primary, nothing (and failure) if it does not answer.
in_recovery() { sql "$1" "SELECT pg_is_in_recovery()" 2>/dev/null; }

# The timeline a running primary writes on (its WAL file names start with it; the checkpoint's may lag a promotion).
primary_timeline() {
  local hex; hex=$(sql "$1" "SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)" 2>/dev/null) || return 1
  echo $((16#$hex))
}

# The primaries among the members other than $1, highest timeline first, as "member timeline" lines.
primaries_except() {
  local m t
  for m in $MEMBERS; do
    [ "$m" = "$1" ] && continue
    [ "$(in_recovery "$m")" = f ] || continue
    t=$(primary_timeline "$m") || continue
    echo "$m $t"
  done | sort -k2,2nr
}

# ensure_slot <primary> <member>: the member's replication slot on the primary, created if missing. Slots of members
# that are no longer in the topology, and slots that lost the WAL they held (max_slot_wal_keep_size), are dropped:
# neither can ever be used again, and a stale slot would hold WAL on the primary.
ensure_slot() {
  local keep="" m
  for m in $MEMBERS; do keep="$keep,'$(slot_of "$m")'"; done
  sql "$1" "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
            WHERE NOT active AND (slot_name NOT IN (${keep#,}) OR wal_status = 'lost')" \
           "SELECT pg_create_physical_replication_slot('$(slot_of "$2")', true)
            WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '$(slot_of "$2")')" >/dev/null
}

# A libpq password file from the pod's secret variables, readable by this user only (libpq ignores others).
write_passfile() {
  local esc_super esc_repl
  esc_super=$(printf '%s' "$SUPERUSER_PASSWORD" | sed 's/[\\:]/\\&/g')
  esc_repl=$(printf '%s' "${REPLICATION_PASSWORD:-}" | sed 's/[\\:]/\\&/g')
  ( umask 077
    { [ -n "${REPLICATION_PASSWORD:-}" ] && echo "*:*:replication:$REPLICATION_USER:$esc_repl"
      echo "*:*:*:$SUPERUSER:$esc_super"; } > "$1" )
}

# repoint <standby> <primary>: a running standby streams from the primary from now on, through its own slot there
# (created if missing: the slot existed only on the old primary, and without one the standby could not stream and
# every quorum commit on the new primary would wait for it).
repoint() {
  ensure_slot "$2" "$1"
  sql "$1" "ALTER SYSTEM SET primary_conninfo = 'host=$(member_host "$2") port=$(member_port "$2") user=$REPLICATION_USER application_name=$1'" \
           "ALTER SYSTEM SET primary_slot_name = '$(slot_of "$1")'" "SELECT pg_reload_conf()" >/dev/null
}

# The member PgPool numbers $1 (backend ids follow the order of MEMBERS).
member_by_id() { local i=0 m; for m in $MEMBERS; do [ "$i" = "$1" ] && { echo "$m"; return 0; }; i=$((i + 1)); done; return 1; }

# streams <primary> <standby>: the standby is connected to the primary and streaming.
streams() {
  [ -n "$(sql "$1" "SELECT 1 FROM pg_stat_replication WHERE application_name = '$2' AND state = 'streaming'" 2>/dev/null)" ]
}
