#!/bin/bash
# pgBackRest's TLS server beside a member (a sidecar in the cluster, a process of its own locally): the backup
# job reads the member's files and database through it. Environment: HOSTNAME, PGDATA, TMPDIR, SECRETS_DIR
# (ca.crt, tls.crt, tls.key), SUPERUSER_PASSWORD.
set -euo pipefail
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
me=$(member_of_pod "$HOSTNAME")
export PGPASSFILE="$RUN_DIR/.pgpass-backup"
REPLICATION_PASSWORD="" write_passfile "$PGPASSFILE"
export PGBACKREST_CONFIG="$DATA_TIER_DIR/pgbackrest.conf" PGBACKREST_PG1_PATH="$PGDATA" \
       PGBACKREST_PG1_PORT="$(member_port "$me")" PGBACKREST_PG1_SOCKET_PATH="$RUN_DIR" \
       PGBACKREST_LOCK_PATH="$RUN_DIR/pgbackrest" \
       PGBACKREST_TLS_SERVER_ADDRESS="$(member_listen "$me")" PGBACKREST_TLS_SERVER_PORT="$(member_backup_port "$me")" \
       PGBACKREST_TLS_SERVER_CA_FILE="$SECRETS_DIR/ca.crt" PGBACKREST_TLS_SERVER_CERT_FILE="$SECRETS_DIR/tls.crt" \
       PGBACKREST_TLS_SERVER_KEY_FILE="$SECRETS_DIR/tls.key"
exec "$PGBACKREST" server
