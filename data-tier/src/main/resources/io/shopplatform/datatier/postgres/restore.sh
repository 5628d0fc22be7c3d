#!/bin/bash
# Restores the shop database from the backup repository into an empty data directory, to a point in time or to the
# end of the archive: the restore Job's command in the cluster, the restore drill's locally.
#   restore.sh [<target time, e.g. "2026-12-02 10:15:00+00">]     (or the time in RESTORE_TARGET)
# Environment: PGDATA (empty or missing), TMPDIR, RESTORE_TARGET (optional). The restored member starts as a primary of its own, on a new
# timeline, and archives nothing until an operator points archive_command at a repository again.
set -euo pipefail
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
export PGBACKREST_CONFIG="$DATA_TIER_DIR/pgbackrest.conf" PGBACKREST_LOCK_PATH="$RUN_DIR/pgbackrest"
if [ -e "$PGDATA" ] && [ -n "$(ls -A "$PGDATA")" ]; then
  log "$PGDATA is not empty: restore only into an empty data directory"; exit 1
fi
time="${1:-${RESTORE_TARGET:-}}"
target=()
if [ -n "$time" ]; then
  target=(--type=time "--target=$time" --target-action=promote --target-timeline=latest)
fi
"$PGBACKREST" --stanza="$STANZA" --pg1-path="$PGDATA" "${target[@]}" \
  --archive-mode=off --recovery-option=recovery_target_inclusive=true restore
log "restored into $PGDATA${time:+ up to $time}"
