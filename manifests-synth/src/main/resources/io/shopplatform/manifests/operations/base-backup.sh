#!/bin/sh
# Daily full backup: a compressed base backup of the current primary, with the WAL needed to make it consistent.
set -eu
. /config/primary.sh
pg_basebackup -h "$(current_primary)" -U {{superuser}} -D /backup/base -Ft -z -X stream -c fast --checkpoint=fast
date -u +%Y-%m-%dT%H%M%SZ > /backup/base/STAMP
