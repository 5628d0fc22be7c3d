#!/bin/bash
# PgPool-II runs this when it detaches a backend:
#   failover.sh <failed id> <failed host> <failed port> <failed dir> <new main id> <new main host>
#               <old main id> <old primary id> <new main port> <new main dir>
# Only a lost primary needs action. Promote the replica that has received the most WAL: under quorum
# replication every acknowledged commit is on at least one replica, so the most advanced one has them all.
set -u
failed_id="$1"
old_primary_id="$8"
. "$(cd "$(dirname "$0")" && pwd)/common.sh"

if [ "$failed_id" != "$old_primary_id" ]; then
  log "replica pg$failed_id detached; the primary is unaffected"
  exit 0
fi

best_id=""; best_port=""; best_lsn=-1
for entry in $NODES; do
  id="${entry%%:*}"; port="${entry#*:}"
  [ "$id" = "$failed_id" ] && continue
  lsn=$(sql "$port" "SELECT pg_wal_lsn_diff(COALESCE(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), '0/0')::bigint") || continue
  [ -n "$lsn" ] || continue
  log "candidate pg$id has WAL up to byte $lsn"
  if [ "$lsn" -gt "$best_lsn" ]; then best_id="$id"; best_port="$port"; best_lsn="$lsn"; fi
done

if [ -z "$best_id" ]; then
  log "primary pg$failed_id lost and no replica answers: nothing to promote"
  exit 1
fi
if [ "$(sql "$best_port" "SELECT pg_promote(true, 30)")" = "t" ]; then
  echo "pg$best_id" > "$PRIMARY_FILE"
  log "primary pg$failed_id lost; promoted pg$best_id"
else
  log "primary pg$failed_id lost; promoting pg$best_id failed"
  exit 1
fi
