# Which member is primary can change at any failover: ask them. current_primary [host to skip]
current_primary() {
  for host in {{member_hosts}}; do
    [ "$host" = "${1:-}" ] && continue
    if [ "$(psql -h "$host" -U {{superuser}} -d postgres -tAc 'SELECT NOT pg_is_in_recovery()' 2>/dev/null)" = t ]; then
      echo "$host"; return 0
    fi
  done
  echo "no primary found" >&2; return 1
}
