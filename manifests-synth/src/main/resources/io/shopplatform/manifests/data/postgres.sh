#!/bin/sh
# Starts one member of the PostgreSQL cluster. A member with an empty volume copies the current primary
# (pg_basebackup through its own slot); only the primary member initialises a cluster, and only when no other
# member is primary. A former primary that finds another primary re-joins as a replica instead of splitting the brain.
set -eu
PGDATA=/var/lib/postgresql/data/pgdata
export PGDATA PGPASSWORD="$SUPERUSER_PASSWORD"
member=${HOSTNAME%-0}
slot=$(echo "$member" | tr '-' '_')

. /config/primary.sh
me="$member-0.{{service_host}}"

copy_from() {
  rm -rf "$PGDATA"
  psql -h "$1" -U {{superuser}} -d postgres -tAc \
    "SELECT pg_create_physical_replication_slot('$slot') WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '$slot')" >/dev/null
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h "$1" -U {{replicator}} -D "$PGDATA" -R -X stream -S "$slot"
}

if [ -s "$PGDATA/PG_VERSION" ]; then
  if [ ! -f "$PGDATA/standby.signal" ] && primary=$(current_primary "$me"); then
    echo "another member ($primary) is primary: re-joining as its replica"
    copy_from "$primary"
  fi
elif primary=$(current_primary "$me"); then
  copy_from "$primary"
elif [ "$member" = "{{primary_member}}" ]; then
  printf '%s' "$SUPERUSER_PASSWORD" > /tmp/pw
  initdb -D "$PGDATA" -U {{superuser}} --pwfile=/tmp/pw --auth=scram-sha-256 --encoding=UTF8
  rm /tmp/pw
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=/tmp" -w start
  psql -h /tmp -U {{superuser}} -d postgres -v ON_ERROR_STOP=1 \
    -v pw="$REPLICATION_PASSWORD" -c "CREATE ROLE {{replicator}} WITH REPLICATION LOGIN PASSWORD :'pw'" \
    -c "CREATE DATABASE {{database}} OWNER {{superuser}}"
  pg_ctl -D "$PGDATA" -m fast -w stop
else
  echo "no primary to copy from yet"; exit 1
fi

exec postgres -c config_file=/config/postgresql.conf -c hba_file=/config/pg_hba.conf -c cluster_name="$slot"
