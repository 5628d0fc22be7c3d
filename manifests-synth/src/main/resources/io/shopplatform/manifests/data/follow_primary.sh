#!/bin/sh
# PgPool calls this for every other backend after a failover: follow_primary.sh <id> <host> <new main id> <new main host>.
# The replica's slot exists only on the old primary, so it is created on the new one before the replica is
# re-pointed (without it the replica cannot stream, and quorum commits on the new primary would wait forever).
set -eu
node_id=$1 host=$2 primary=$4
slot=$(echo "${host%%.*}" | sed 's/-0$//' | tr '-' '_')
sql() { psql -h "$1" -p {{postgres_port}} -U {{superuser}} -d postgres -v ON_ERROR_STOP=1 -tAc "$2"; }
sql "$primary" "SELECT pg_create_physical_replication_slot('$slot') WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '$slot')"
sql "$host" "ALTER SYSTEM SET primary_conninfo = 'host=$primary port={{postgres_port}} user={{replicator}} password=$REPLICATION_PASSWORD application_name=$slot'"
sql "$host" "ALTER SYSTEM SET primary_slot_name = '$slot'"
sql "$host" "SELECT pg_reload_conf()"
pcp_attach_node -h localhost -p {{pcp_port}} -U {{pcp_user}} -w -n "$node_id"
