#!/bin/bash
# Starts one PostgreSQL member: the container's command in the cluster, the runner's command locally.
# Environment (the pod's): HOSTNAME (which member), PGDATA, TMPDIR, SUPERUSER_PASSWORD, REPLICATION_PASSWORD.
#
# A member never decides alone to be primary while another member is one: it asks its peers first.
#  - empty volume: copy the current primary (its own slot there); only the bootstrap member initialises a new
#    cluster, and only when no peer answers at all. Both happen in a temporary folder renamed on success, so a
#    crash halfway leaves nothing that a restart could take for a finished data directory.
#  - a former primary that finds another primary rewinds itself onto it (or copies it afresh) and follows it;
#  - a standby follows whichever member is primary now, through its slot there (created if missing);
#  - a member never follows a primary on an older timeline than its own (a stale primary that came back), and a
#    former primary does not start as primary while a peer is on a later timeline.
set -euo pipefail
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

me=$(member_of_pod "$HOSTNAME")
port=$(member_port "$me")
export PGPASSFILE="$RUN_DIR/.pgpass"
write_passfile "$PGPASSFILE"
# WAL archiving (archive_command) and the backup server find the repository and this member through these.
export PGBACKREST_CONFIG="$DATA_TIER_DIR/pgbackrest.conf" PGBACKREST_PG1_PATH="$PGDATA" PGBACKREST_PG1_PORT="$port" \
       PGBACKREST_PG1_SOCKET_PATH="$RUN_DIR" PGBACKREST_LOCK_PATH="$RUN_DIR/pgbackrest"
staging="$PGDATA.new"

own_timeline() {
  "$PG_BIN/pg_controldata" "$PGDATA" | awk -F: '
    /^Latest checkpoint.s TimeLineID/ {t = $2 + 0}
    /^Min recovery ending loc.s timeline/ {m = $2 + 0}
    END {print (m > t ? m : t)}'
}

# Copies the primary into the staging folder and moves it into place.
clone_from() {
  log "$me: copying $1 (base backup through $(slot_of "$me"))"
  rm -rf "$staging" "$PGDATA"
  ensure_slot "$1" "$me"
  "$PG_BIN/pg_basebackup" -h "$(member_host "$1")" -p "$(member_port "$1")" -U "$REPLICATION_USER" -w \
    -D "$staging" -X stream -S "$(slot_of "$me")" --checkpoint=fast
  mv "$staging" "$PGDATA"
}

# A new cluster: initdb, then the replication role and the shop database, then into place. If any step fails the
# staging folder is left behind (and removed by the next start), never a data directory that looks finished.
initialise() {
  log "$me: initialising a new cluster (no peer answers)"
  rm -rf "$staging"
  local pwfile="$RUN_DIR/initdb.pw"
  ( umask 077; printf '%s' "$SUPERUSER_PASSWORD" > "$pwfile" )
  "$PG_BIN/initdb" -D "$staging" -U "$SUPERUSER" --pwfile="$pwfile" --auth=scram-sha-256 --data-checksums \
    -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  if ! bootstrap; then
    "$PG_BIN/pg_ctl" -D "$staging" -m immediate -w stop >/dev/null 2>&1 || true
    log "$me: initialising failed"
    exit 1
  fi
  mv "$staging" "$PGDATA"
}

bootstrap() {
  "$PG_BIN/pg_ctl" -D "$staging" -w -t 120 -l "$RUN_DIR/initialise.log" \
    -o "-c listen_addresses='' -c unix_socket_directories='$RUN_DIR' -c port=$port" start >/dev/null || return 1
  # Standard input, not -c: psql interpolates :'variables' only in what it reads as a script.
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$RUN_DIR" -p "$port" -U "$SUPERUSER" -d postgres <<SQL || return 1
\getenv replication_password REPLICATION_PASSWORD
CREATE ROLE $REPLICATION_USER WITH REPLICATION LOGIN PASSWORD :'replication_password';
CREATE DATABASE $DATABASE OWNER $SUPERUSER;
SQL
  # The backup repository's stanza; one of another cluster is refused, and archiving then fails loudly.
  "$PGBACKREST" --stanza="$STANZA" --pg1-path="$staging" stanza-create \
    || log "$me: pgBackRest could not create stanza $STANZA; WAL archiving fails until it exists"
  "$PG_BIN/pg_ctl" -D "$staging" -m fast -w stop >/dev/null
}

# Rewinds a former primary onto the current one; pg_rewind reads the source's timeline from its last checkpoint.
rewind_from() {
  log "$me: was primary before a failover; rewinding onto $1"
  sql "$1" "CHECKPOINT" >/dev/null
  "$PG_BIN/pg_rewind" --target-pgdata="$PGDATA" \
    --source-server="host=$(member_host "$1") port=$(member_port "$1") user=$SUPERUSER dbname=postgres"
}

# Makes this (stopped) member a standby of the primary, through its own slot there.
follow() {
  ensure_slot "$1" "$me"
  local auto="$PGDATA/postgresql.auto.conf"
  touch "$auto"
  sed -i -e '/^primary_conninfo/d' -e '/^primary_slot_name/d' "$auto"
  # No password here: the walreceiver reads PGPASSFILE from this process's environment.
  { echo "primary_conninfo = 'host=$(member_host "$1") port=$(member_port "$1") user=$REPLICATION_USER application_name=$me'"
    echo "primary_slot_name = '$(slot_of "$me")'"; } >> "$auto"
  touch "$PGDATA/standby.signal"
  log "$me: follows $1"
}

any_peer_answers() {
  local m; for m in $MEMBERS; do [ "$m" != "$me" ] && in_recovery "$m" >/dev/null && return 0; done; return 1
}

primary=$(primaries_except "$me" | head -n 1)
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -n "$primary" ]; then
    clone_from "${primary% *}"
    follow "${primary% *}"
  elif [ "$me" = "$BOOTSTRAP_MEMBER" ] && ! any_peer_answers; then
    initialise
  else
    log "$me: no primary to copy from yet"; exit 1
  fi
elif [ -n "$primary" ]; then
  if [ "$(own_timeline)" -gt "${primary#* }" ]; then
    log "$me: ${primary% *} is primary on timeline ${primary#* } but this member has timeline $(own_timeline): it is a stale primary; not following it"
    exit 1
  fi
  if [ ! -f "$PGDATA/standby.signal" ]; then
    rewind_from "${primary% *}" || { log "$me: pg_rewind failed; copying afresh"; clone_from "${primary% *}"; }
  fi
  follow "${primary% *}"
elif [ ! -f "$PGDATA/standby.signal" ]; then
  # A former primary whose peers answer but none is primary may have been stopped by a failover that is still under
  # way: give the promotion the time it takes, then look again (once), before starting as primary.
  if [ -z "${MEMBER_LOOKED_AGAIN:-}" ] && any_peer_answers; then
    log "$me: peers answer but none is primary; looking again in $FAILOVER_GRACE_S s before starting as primary"
    sleep "$FAILOVER_GRACE_S"
    MEMBER_LOOKED_AGAIN=1 exec "$0" "$@"
  fi
  mine=$(own_timeline)
  for m in $MEMBERS; do
    [ "$m" = "$me" ] && continue
    t=$(sql "$m" "SELECT received_tli FROM pg_stat_wal_receiver" 2>/dev/null) || continue
    if [ -n "$t" ] && [ "$t" -gt "$mine" ]; then
      log "$me: $m is on timeline $t, later than this former primary's $mine; waiting for a primary to follow"
      exit 1
    fi
  done
fi

exec "$PG_BIN/postgres" -D "$PGDATA" -c data_directory="$PGDATA" \
  -c config_file="$DATA_TIER_DIR/postgresql.conf" -c hba_file="$DATA_TIER_DIR/pg_hba.conf" \
  -c listen_addresses="$(member_listen "$me")" -c port="$port" -c cluster_name="$me" \
  -c unix_socket_directories="$RUN_DIR"
