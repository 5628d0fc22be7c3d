#!/bin/bash
# PgPool-II's failover_command. With the watchdog it runs on the leader PgPool only, once a majority of the PgPools
# agree that a backend is down (failover_require_consensus):
#   failover.sh <failed id> <failed host> <failed port> <failed dir> <new main id> <new main host>
#               <old main id> <old primary id> <new main port> <new main dir>
# Only a lost primary needs action. The standby that has received the most WAL is promoted: under quorum
# replication every acknowledged commit is on at least one standby, so the most advanced one has them all.
set -u
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
failed=$(member_by_id "$1")
if [ "$1" != "$8" ]; then
  log "standby $failed detached; the primary is unaffected"
  exit 0
fi

best=""; best_lsn=-1
for m in $MEMBERS; do
  [ "$m" = "$failed" ] && continue
  [ "$(in_recovery "$m")" = t ] || continue
  lsn=$(sql "$m" "SELECT pg_wal_lsn_diff(GREATEST(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), '0/0')::bigint" 2>/dev/null) || continue
  [ -n "$lsn" ] || continue
  log "candidate $m has WAL up to byte $lsn"
  if [ "$lsn" -gt "$best_lsn" ]; then best="$m"; best_lsn="$lsn"; fi
done
if [ -z "$best" ]; then
  log "primary $failed lost and no standby answers: nothing to promote"
  exit 1
fi
if [ "$(sql "$best" "SELECT pg_promote(true, 60)")" != t ]; then
  log "primary $failed lost; promoting $best failed"
  exit 1
fi
log "primary $failed lost; promoted $best"

# If the old primary still answers (PgPools lost it, this one reaches it again), fence it: read-only, sessions ended.
# Its standbys now follow $best, so under quorum replication it could not acknowledge a commit anyway; member.sh
# rewinds it onto the new primary when it starts again.
if sql "$failed" "ALTER SYSTEM SET default_transaction_read_only = on" >/dev/null 2>&1; then
  sql "$failed" "SELECT pg_reload_conf()" >/dev/null 2>&1
  sql "$failed" "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" >/dev/null 2>&1
  log "fenced the old primary $failed: read-only, its sessions ended"
fi
