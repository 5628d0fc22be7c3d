#!/bin/sh
# Point-in-time recovery: fetch every WAL segment written since the last run through a replication slot
# (the primary keeps WAL for the slot between runs, so nothing is missed), up to the primary's current position.
set -eu
. /config/primary.sh
primary=$(current_primary)
mkdir -p /backup/wal
pg_receivewal -h "$primary" -U {{superuser}} -D /backup/wal -S {{slot}} --create-slot --if-not-exists
end=$(psql -h "$primary" -U {{superuser}} -d postgres -tAc 'SELECT pg_current_wal_lsn()')
pg_receivewal -h "$primary" -U {{superuser}} -D /backup/wal -S {{slot}} --no-loop --endpos="$end" -Z 6
