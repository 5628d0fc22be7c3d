#!/bin/bash
# Restores the shop database from the backup repository into an empty data directory, to a point in time or to the
# end of the archive, and recovers it: the restore Job's command in the cluster, the restore test's locally.
#   restore.sh [<target time, e.g. "2026-12-02 10:15:00+00">]     (or the time in RESTORE_TARGET)
# Environment: PGDATA (empty or missing), TMPDIR, SUPERUSER_PASSWORD, RESTORE_TARGET (optional).
# When it ends, PGDATA is a stopped, consistent primary of its own on a new timeline, with the settings of a member
# (rendered postgresql.conf); it archives nothing until it joins a data tier again.
set -euo pipefail
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
export PGBACKREST_CONFIG="$DATA_TIER_DIR/pgbackrest.conf" PGBACKREST_LOCK_PATH="$RUN_DIR/pgbackrest" \
       PGBACKREST_SPOOL_PATH="$RUN_DIR/pgbackrest-spool"
export PGPASSFILE="$RUN_DIR/.pgpass"
write_passfile "$PGPASSFILE"
if [ -e "$PGDATA" ] && [ -n "$(ls -A "$PGDATA")" ]; then
  log "$PGDATA is not empty: restore only into an empty data directory"; exit 1
fi
time="${1:-${RESTORE_TARGET:-}}"
target=()
if [ -n "$time" ]; then
  target=(--type=time "--target=$time" --target-action=promote --target-timeline=latest)
fi
# The restored directory fetches WAL with this file's repository settings, wherever it is started next.
"$PGBACKREST" --stanza="$STANZA" --pg1-path="$PGDATA" "${target[@]}" --archive-mode=off \
  --recovery-option="restore_command=$PGBACKREST --config=$PGBACKREST_CONFIG --lock-path=$PGBACKREST_LOCK_PATH --pg1-path=$PGDATA --stanza=$STANZA archive-get %f \"%p\"" \
  restore
log "restored into $PGDATA; recovering${time:+ up to $time}"

# Recovery with a member's settings (a standby needs at least the primary's), reachable only through a socket here.
port=5432
"$PG_BIN/pg_ctl" -D "$PGDATA" -w -t 3600 -l "$RUN_DIR/restore-recovery.log" -o "-c data_directory=$PGDATA \
  -c config_file=$DATA_TIER_DIR/postgresql.conf -c hba_file=$DATA_TIER_DIR/pg_hba.conf -c archive_mode=off \
  -c synchronous_standby_names='' -c listen_addresses='' -c unix_socket_directories=$RUN_DIR -c port=$port" start >/dev/null
until [ "$("$PG_BIN/psql" -X -A -t -h "$RUN_DIR" -p "$port" -U "$SUPERUSER" -d postgres -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ]; do
  sleep 1
done
"$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
log "recovered${time:+ up to $time}: $PGDATA is a consistent primary, stopped"
