#!/bin/sh
# Starts one Redis Cluster member; member 0 forms the cluster once, when every member answers. redis-server
# replaces this shell (PID 1), so SIGTERM reaches it and it shuts down gracefully; the forming runs beside it.
set -eu
auth="-a $REDIS_PASSWORD --no-auth-warning"
if [ "${HOSTNAME##*-}" = 0 ]; then
  (
    until redis-cli $auth ping >/dev/null 2>&1; do sleep 1; done
    if redis-cli $auth cluster info | grep -q '^cluster_known_nodes:1\b'; then
      members=""
      for host in {{member_hosts}}; do
        until redis-cli -h "$host" -p {{port}} $auth ping >/dev/null 2>&1; do sleep 2; done
        members="$members $(getent hosts "$host" | cut -d' ' -f1):{{port}}"
      done
      redis-cli $auth --cluster create $members --cluster-replicas {{replicas_per_master}} --cluster-yes
    fi
  ) &
fi
exec redis-server /config/redis.conf --requirepass "$REDIS_PASSWORD" --masterauth "$REDIS_PASSWORD" \
  --cluster-announce-hostname "$HOSTNAME.{{service_host}}"
