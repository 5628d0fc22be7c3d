# Sourced by failover.sh and follow_primary.sh: the cluster's facts (cluster.env, written by ./platform) and helpers.
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/cluster.env"

log() { echo "$(date '+%F %T.%3N') $(basename "$0" .sh): $*" >> "$LOG"; }
# One statement on the node listening on port $1, as the superuser; prints the result unaligned.
sql() { PGCONNECT_TIMEOUT=2 "$PG_BIN/psql" -X -q -A -t -h 127.0.0.1 -p "$1" -U "$SUPERUSER" -d postgres -c "$2" 2>>"$LOG"; }
