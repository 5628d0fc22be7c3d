#!/bin/bash
# PgPool-II's follow_primary_command, run by the leader PgPool after a failover for every other node (arguments as
# failover.sh's, the first naming that node): re-point a live standby at the new primary through its own slot
# there, and attach it again once it streams. A node that is down, or still a primary, is left to member.sh, which
# rewinds or re-copies it when it starts; PgPool attaches it then (auto_failback).
set -u
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
node=$(member_by_id "$1")
primary=$(primaries_except "$node" | head -n 1)
primary=${primary% *}
if [ -z "$primary" ]; then
  log "no primary for $node to follow"
  exit 1
fi
if [ "$(in_recovery "$node")" != t ]; then
  log "$node is down or not a standby; it follows $primary when it starts again"
  exit 0
fi

# The standby's slot existed only on the old primary. Without one here it cannot stream, and with quorum
# replication every commit on the new primary would wait for it.
ensure_slot "$primary" "$node"
sql "$node" "ALTER SYSTEM SET primary_conninfo = 'host=$(member_host "$primary") port=$(member_port "$primary") user=$REPLICATION_USER application_name=$node'" >/dev/null
sql "$node" "ALTER SYSTEM SET primary_slot_name = '$(slot_of "$node")'" >/dev/null
sql "$node" "SELECT pg_reload_conf()" >/dev/null

for _ in $(seq 1 40); do
  streams "$primary" "$node" && break
  sleep 0.25
done
if ! streams "$primary" "$node"; then
  log "$node does not stream from $primary (diverged?); left detached until member.sh rewinds it"
  exit 0
fi
if "$PGPOOL_BIN/pcp_attach_node" -h "$(field pooler_host "$PGPOOL_ID")" -p "$(field pooler_pcp_port "$PGPOOL_ID")" \
     -U "$PCP_USER" -w -n "$1" >/dev/null; then
  log "$node follows $primary and is attached again"
else
  log "$node follows $primary; attaching it failed (auto_failback will)"
fi
