package io.shopplatform.local.database;

import io.shopplatform.datatier.Roles;
import io.shopplatform.local.Layout;
import io.shopplatform.local.machine.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What each PgPool thinks of the members: its node table ({@code SHOW pool_nodes}). */
public final class PoolNodes {

    private final Layout layout;
    private final DatabaseLogins logins;

    PoolNodes(Layout layout, DatabaseLogins logins) {
        this.layout = layout;
        this.logins = logins;
    }

    /** PgPool {@code index}'s node table: node_id, status, role, select_cnt, ... as text. */
    public List<Map<String, String>> of(int index) throws SQLException {
        // PgPool answers its own SHOW commands only over the simple query protocol.
        try (Connection c = Sql.connect(layout.pgpoolPort(index), Roles.DATABASE + "?preferQueryMode=simple",
                Roles.SUPERUSER, logins.superuser())) {
            return Sql.query(c, "SHOW pool_nodes");
        }
    }

    /**
     * Whether PgPool {@code index} sees exactly {@code primary} as primary and every member in {@code up} as up.
     * False while it does not answer (it restarts its children after a failover or a fail-back).
     */
    boolean agrees(int index, String primary, List<String> up) {
        try {
            List<Map<String, String>> nodes = of(index);
            return nodes.stream().filter(n -> "primary".equals(n.get("role"))).map(n -> Layout.postgresNode(n.get("node_id")))
                    .toList().equals(List.of(primary))
                    && nodes.stream().filter(n -> up.contains(Layout.postgresNode(n.get("node_id"))))
                    // "waiting": attached, and no client has used it yet.
                    .allMatch(n -> "up".equals(n.get("status")) || "waiting".equals(n.get("status")));
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether every PgPool answers and reports {@code node} down (detached): none routes to it any more. */
    public boolean detachedEverywhere(String node) {
        return layout.pgpools().stream().allMatch(i -> status(i, node).filter("down"::equals).isPresent());
    }

    /**
     * Health-check attempts on {@code node} that failed and were retried, summed over the PgPools that answer
     * ({@code SHOW pool_health_check_stats}): how often a stall was seen, whether or not it led to a failover.
     */
    public long healthCheckRetries(String node) {
        long retries = 0;
        for (int i : layout.pgpools()) {
            try (Connection c = Sql.connect(layout.pgpoolPort(i), Roles.DATABASE + "?preferQueryMode=simple",
                    Roles.SUPERUSER, logins.superuser())) {
                retries += Sql.query(c, "SHOW pool_health_check_stats").stream()
                        .filter(n -> node.equals(Layout.postgresNode(n.get("node_id"))))
                        .mapToLong(n -> Long.parseLong(n.get("retry_count"))).sum();
            } catch (SQLException e) {
                // not answering now: counted on the next reading
            }
        }
        return retries;
    }

    /** Whether any PgPool reports {@code node} down (one that does not answer reports nothing). */
    public boolean detachedAnywhere(String node) {
        return layout.pgpools().stream().anyMatch(i -> status(i, node).filter("down"::equals).isPresent());
    }

    /** Whether every PgPool answers and uses {@code node} ("waiting": attached, no client has used it yet). */
    public boolean attachedEverywhere(String node) {
        return layout.pgpools().stream()
                .allMatch(i -> status(i, node).filter(s -> s.equals("up") || s.equals("waiting")).isPresent());
    }

    /** PgPool {@code index}'s status of {@code node}; empty while it does not answer. */
    private Optional<String> status(int index, String node) {
        try {
            return of(index).stream().filter(n -> node.equals(Layout.postgresNode(n.get("node_id"))))
                    .map(n -> n.get("status")).findFirst();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    List<String> describe(int index) {
        try {
            List<String> lines = new java.util.ArrayList<>();
            for (Map<String, String> n : of(index)) {
                lines.add(String.format("    pg%-2s %-8s %-8s select_cnt %-8s replication_delay %s", n.get("node_id"),
                        n.get("status"), n.get("role"), n.get("select_cnt"), n.get("replication_delay")));
            }
            return lines;
        } catch (SQLException e) {
            return List.of("    (does not answer: " + e.getMessage() + ")");
        }
    }
}
