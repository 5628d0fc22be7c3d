#!/bin/bash
# PgPool-II's failover_command. With the watchdog it runs on the leader PgPool only, once a majority of the PgPools
# agree that a backend is down (failover_require_consensus):
#   failover.sh <failed node id> <old primary node id>
# (Only ids: PgPool runs the command through a shell, and an empty argument such as an unset data directory would
# shift every argument after it.)
# Only a lost primary needs action. The standby that has received the most WAL is promoted: under quorum
# replication every acknowledged commit is on at least one standby, so the most advanced one has them all.
set -u
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
failed=$(member_by_id "$1")
if [ "$1" != "$2" ]; then
  log "standby $failed detached; the primary is unaffected"
  exit 0
fi

best=""; best_lsn=-1; standbys=""
for m in $MEMBERS; do
  [ "$m" = "$failed" ] && continue
  # One session per candidate: whether it is a standby, and how much WAL it has received.
  row=$(sql "$m" "SELECT pg_is_in_recovery(), pg_wal_lsn_diff(GREATEST(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), '0/0')::bigint" 2>/dev/null) || continue
  [ "${row%%|*}" = t ] || continue
  lsn=${row#*|}
  [ -n "$lsn" ] || continue
  standbys="$standbys $m"
  log "candidate $m has WAL up to byte $lsn"
  if [ "$lsn" -gt "$best_lsn" ]; then best="$m"; best_lsn="$lsn"; fi
done
if [ -z "$best" ]; then
  log "primary $failed lost and no standby answers: nothing to promote"
  exit 1
fi

# If the old primary still answers (the PgPools lost it, this one reaches it, or an operator detached it), stop it
# before promoting, so there is never a moment with two primaries: COPY ... TO PROGRAM runs pg_ctl on that member
# itself, the one way to stop a member from here without an API. Its container restarts (locally: ./platform up
# starts it), and member.sh rewinds it onto the new primary. Were it unreachable but alive, it could still not
# acknowledge a commit: its standbys follow the new primary next, and commits wait for a quorum of them.
if datadir=$(sql "$failed" "SHOW data_directory" 2>/dev/null); then
  sql "$failed" "COPY (SELECT 1) TO PROGRAM '$PG_BIN/pg_ctl stop -D $datadir -m fast --no-wait'" >/dev/null 2>&1
  log "stopped the old primary $failed, which still answered"
fi
if [ "$(sql "$best" "SELECT pg_promote(true, 60)")" != t ]; then
  log "primary $failed lost; promoting $best failed"
  exit 1
fi
log "primary $failed lost; promoted $best"

# The other standbys follow at once: with quorum replication the new primary acknowledges nothing until one of them
# streams from it. (PgPool runs follow_primary.sh for each of them afterwards, which also attaches them again.)
for m in $standbys; do
  [ "$m" = "$best" ] && continue
  repoint "$m" "$best" && log "$m re-pointed at $best"
done
