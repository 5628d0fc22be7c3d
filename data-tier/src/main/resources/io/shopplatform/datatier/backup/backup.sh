#!/bin/bash
# A backup into the repository: the backup CronJobs' command in the cluster, the runner's and the drills' locally.
#   backup.sh full|incr
# pgBackRest reads the primary's files through the members' backup servers (TLS, client certificate); it finds
# which member is primary by itself. The first run creates the stanza if no member has; `check` then proves that
# WAL archiving works, so a job that succeeds means a restorable backup and an archive that follows it.
# Environment: TMPDIR, SECRETS_DIR (ca.crt, tls.crt, tls.key).
set -euo pipefail
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
type="${1:?usage: backup.sh full|incr}"
export PGBACKREST_CONFIG="$DATA_TIER_DIR/backup-job.conf" PGBACKREST_LOCK_PATH="$RUN_DIR/pgbackrest"
i=1
for m in $MEMBERS; do
  export "PGBACKREST_PG${i}_HOST_CA_FILE=$SECRETS_DIR/ca.crt" "PGBACKREST_PG${i}_HOST_CERT_FILE=$SECRETS_DIR/tls.crt" \
         "PGBACKREST_PG${i}_HOST_KEY_FILE=$SECRETS_DIR/tls.key"
  i=$((i + 1))
done
"$PGBACKREST" --stanza="$STANZA" stanza-create
"$PGBACKREST" --stanza="$STANZA" --type="$type" backup
"$PGBACKREST" --stanza="$STANZA" check
log "$type backup done; the repository now holds:"
"$PGBACKREST" --stanza="$STANZA" info >&2
