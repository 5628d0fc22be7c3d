package io.shopplatform.local.database;

import io.shopplatform.datatier.Roles;
import io.shopplatform.local.Layout;
import io.shopplatform.local.machine.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** What the members say about themselves: who is primary, who streams from whom, and how far behind. */
public final class Replication {

    private final Layout layout;
    private final DatabaseLogins logins;

    Replication(Layout layout, DatabaseLogins logins) {
        this.layout = layout;
        this.logins = logins;
    }

    public Connection connect(String node, String database) throws SQLException {
        return Sql.connect(layout.postgresPort(node), database, Roles.SUPERUSER, logins.superuser());
    }

    /** {@code true} for a standby, {@code false} for a primary, {@code null} if the member does not answer. */
    public Boolean inRecovery(String node) {
        try (Connection c = connect(node, "postgres")) {
            return "t".equals(Sql.query(c, "SELECT pg_is_in_recovery() AS r").get(0).get("r"));
        } catch (SQLException e) {
            return null;
        }
    }

    /** Every member that answers as a primary: exactly one, unless the tier is down or its brain is split. */
    public List<String> primaries() {
        return layout.postgresNodes().stream().filter(n -> Boolean.FALSE.equals(inRecovery(n))).toList();
    }

    /** Whether {@code standby} streams from {@code primary} and has replayed all it had written when asked. */
    public boolean caughtUp(String primary, String standby) {
        try (Connection c = connect(primary, "postgres")) {
            return !Sql.query(c, "SELECT 1 FROM pg_stat_replication WHERE application_name = " + Sql.literal(standby)
                    + " AND state = 'streaming' AND replay_lsn >= pg_current_wal_flush_lsn() - 1048576").isEmpty();
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * The timeline {@code primary} writes on: every promotion starts a new one, so the difference between two
     * readings counts promotions. Empty if it does not answer or is not a primary.
     */
    public OptionalLong timeline(String primary) {
        try (Connection c = connect(primary, "postgres")) {
            return OptionalLong.of(Long.parseLong(Sql.query(c,
                    "SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8) AS t").get(0).get("t"), 16));
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
    }

    /** Rows for {@code status}: each member's role, then replication as the primary sees it. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        String primary = null;
        for (String node : layout.postgresNodes()) {
            Boolean recovery = inRecovery(node);
            String role = recovery == null ? "DOWN" : recovery ? "standby" : "PRIMARY";
            if (Boolean.FALSE.equals(recovery)) {
                primary = node;
            }
            lines.add(String.format("  %-4s %-8s 127.0.0.1:%d", node, role, layout.postgresPort(node)));
        }
        if (primary != null) {
            try (Connection c = connect(primary, "postgres")) {
                for (Map<String, String> r : Sql.query(c, """
                        SELECT application_name AS node, state, sync_state,
                               pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint AS lag_bytes,
                               COALESCE(EXTRACT(EPOCH FROM replay_lag) * 1000, 0)::numeric(10,1) AS lag_ms
                        FROM pg_stat_replication ORDER BY application_name""")) {
                    lines.add(String.format("       %s -> %s: %s, %s, replay lag %s bytes / %s ms", primary, r.get("node"),
                            r.get("state"), r.get("sync_state"), r.get("lag_bytes"), r.get("lag_ms")));
                }
                for (Map<String, String> r : Sql.query(c, """
                        SELECT slot_name, active, wal_status, pg_size_pretty(safe_wal_size) AS safe
                        FROM pg_replication_slots ORDER BY slot_name""")) {
                    lines.add(String.format("       slot %s: %s, WAL %s, %s more before it is lost", r.get("slot_name"),
                            "t".equals(r.get("active")) ? "active" : "INACTIVE", r.get("wal_status"), r.get("safe")));
                }
            } catch (SQLException e) {
                lines.add("       (could not read replication state: " + e.getMessage() + ")");
            }
        }
        return lines;
    }
}
