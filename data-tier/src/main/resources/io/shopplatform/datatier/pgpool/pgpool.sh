#!/bin/bash
# Starts one PgPool-II of the watchdog cluster: the container's command in the cluster, the runner's locally.
# Environment (the pod's): HOSTNAME (which pooler), TMPDIR, SECRETS_DIR (pool_passwd, pcp.conf, pgpass, pcppass,
# wd_authkey). Every pooler reads the one rendered pgpool.conf; what is its own is appended to a private copy.
set -euo pipefail
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

export PGPOOL_ID
PGPOOL_ID=$(pooler_of_pod "$HOSTNAME")
work="$RUN_DIR/pgpool"
mkdir -p "$work"
# libpq and pcp ignore password files others can read: private copies of the mounted secrets.
export PGPASSFILE="$work/.pgpass" PCPPASSFILE="$work/.pcppass"
install -m 600 "$SECRETS_DIR/pgpass" "$PGPASSFILE"
install -m 600 "$SECRETS_DIR/pcppass" "$PCPPASSFILE"

( umask 077
  cp "$DATA_TIER_DIR/pgpool.conf" "$work/pgpool.conf"
  # PgPool reads its watchdog identity from this file beside its configuration.
  echo "$PGPOOL_ID" > "$work/pgpool_node_id"
  cat >> "$work/pgpool.conf" <<CONF

# This pooler's own settings, appended by pgpool.sh.
listen_addresses = '$(field pooler_listen "$PGPOOL_ID")'
port = $(field pooler_port "$PGPOOL_ID")
pcp_listen_addresses = '$(field pooler_listen "$PGPOOL_ID")'
pcp_port = $(field pooler_pcp_port "$PGPOOL_ID")
socket_dir = '$work'
pcp_socket_dir = '$work'
wd_ipc_socket_dir = '$work'
pid_file_name = '$work/pgpool.pid'
logdir = '$work'
pool_passwd = '$SECRETS_DIR/pool_passwd'
wd_authkey = '$(cat "$SECRETS_DIR/wd_authkey")'
failover_command = '$DATA_TIER_DIR/failover.sh %d %P'
follow_primary_command = '$DATA_TIER_DIR/follow_primary.sh %d'
CONF
)
exec "$PGPOOL_BIN/pgpool" -n -f "$work/pgpool.conf" -F "$SECRETS_DIR/pcp.conf" -a "$DATA_TIER_DIR/pool_hba.conf"
