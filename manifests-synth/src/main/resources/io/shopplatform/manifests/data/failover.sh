#!/bin/sh
# PgPool calls this when a backend fails: failover.sh <failed id> <failed host> <new main id> <new main host> <old primary id>.
# Only the loss of the primary needs action: the new main node is promoted.
set -eu
[ "$1" = "$5" ] || exit 0
psql -h "$4" -p {{postgres_port}} -U {{superuser}} -d postgres -tAc 'SELECT pg_promote()'
