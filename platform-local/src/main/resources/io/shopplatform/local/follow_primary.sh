#!/bin/bash
# PgPool-II runs this for every other node after a failover (same arguments as failover.sh, the first three
# naming the node to act on): re-point a live replica at the new primary and attach it to PgPool again.
set -u
node_id="$1"
node_port="$3"
. "$(cd "$(dirname "$0")" && pwd)/common.sh"

# The new primary is whichever other node answers out of recovery (failover.sh may have promoted a node
# other than the one PgPool names).
primary_port=""
for entry in $NODES; do
  id="${entry%%:*}"; port="${entry#*:}"
  [ "$id" = "$node_id" ] && continue
  [ "$(sql "$port" "SELECT pg_is_in_recovery()")" = "f" ] && primary_port="$port"
done
if [ -z "$primary_port" ]; then
  log "no primary for pg$node_id to follow"
  exit 1
fi

state=$(sql "$node_port" "SELECT pg_is_in_recovery()") || state=""
if [ "$state" != "t" ]; then
  log "pg$node_id is down or not a replica; ./platform up rebuilds it"
  exit 0
fi

# The replica streams through its own slot, which exists only on the old primary. Without one on the new
# primary it cannot stream, and with quorum replication every commit would wait for it forever.
slot="slot_pg$node_id"
sql "$primary_port" "SELECT pg_create_physical_replication_slot('$slot', true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '$slot')" >/dev/null
sql "$node_port" "ALTER SYSTEM SET primary_conninfo = 'host=127.0.0.1 port=$primary_port user=$REPLICATION_USER passfile=$PGPASSFILE application_name=pg$node_id'" >/dev/null
sql "$node_port" "ALTER SYSTEM SET primary_slot_name = '$slot'" >/dev/null
sql "$node_port" "SELECT pg_reload_conf()" >/dev/null

if pcp_attach_node -h 127.0.0.1 -p "$PCP_PORT" -U "$PCP_USER" -n "$node_id" -w >>"$LOG" 2>&1; then
  log "pg$node_id follows the primary on port $primary_port and is attached again"
else
  log "pg$node_id follows the primary on port $primary_port, but attaching it to PgPool failed"
  exit 1
fi
