#!/bin/sh
# Starts one KRaft node (broker and controller); its node id is its StatefulSet ordinal.
set -eu
id=${HOSTNAME##*-}
cp /config/server.properties /tmp/server.properties
printf 'node.id=%s\nadvertised.listeners=SASL_PLAINTEXT://%s.{{service_host}}:{{port}}\n' "$id" "$HOSTNAME" >> /tmp/server.properties
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t {{cluster_id}} -c /tmp/server.properties
exec /opt/kafka/bin/kafka-server-start.sh /tmp/server.properties
