#!/bin/bash
# PgPool-II's follow_primary_command, run by the leader PgPool after a failover for every other node:
#   follow_primary.sh <node id>
# It re-points a live standby at the new primary through its own slot there, and attaches it again once it streams.
# A node that is down, or still a primary, is left to member.sh, which rewinds or re-copies it when it starts;
# PgPool attaches it then (auto_failback).
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

# failover.sh re-pointed it already if it answered then; again here, in case it did not.
repoint "$node" "$primary"

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
