package io.shopplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.testing.DataTier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the shared local data tier promises every service: replicas that keep up, reads that go to them. */
class DataTierTests {

    private static final DataTier tier = DataTier.shared();

    @BeforeAll
    static void probeTable() throws SQLException {
        try (Connection c = tier.connect(tier.superuser()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS public.tier_probe (id uuid PRIMARY KEY, note text NOT NULL)");
        }
    }

    /**
     * A deadline, not a target: with quorum commit one standby may replay later than the other, and on a loaded
     * 2-core machine that can take seconds. How long it took is printed.
     */
    private static final Duration REPLAY_DEADLINE = Duration.ofSeconds(60);

    @Test
    void aRowWrittenThroughPgPoolReachesEveryReplica() throws Exception {
        UUID id = insertProbe("replicated");
        long written = System.nanoTime();
        for (String node : tier.postgresNodes()) {
            boolean seen = Supervisor.waitFor(() -> {
                try (Connection c = tier.connectNode(node, tier.superuser())) {
                    return count(c, id) == 1;
                } catch (SQLException e) {
                    return false;
                }
            }, REPLAY_DEADLINE);
            assertThat(seen).as("row visible on %s", node).isTrue();
            System.out.printf("DATA TIER: a row written through PgPool was visible on %s after %.3f s%n", node,
                    (System.nanoTime() - written) / 1e9);
        }
    }

    @Test
    void readsThroughPgPoolAreServedByReplicas() throws Exception {
        // Each session asks which node answered it, so other clients of the shared tier cannot blur the picture.
        Map<Integer, Integer> answeredBy = new HashMap<>();
        int sessions = 40;
        for (int i = 0; i < sessions; i++) {
            try (Connection c = tier.connect(tier.superuser()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
                rs.next();
                answeredBy.merge(rs.getInt(1), 1, Integer::sum);
            }
        }
        String primary = poolNodes().primary();
        assertThat(answeredBy).as("reads answered per node port").doesNotContainKey(port(primary));
        // Both replicas take a share: balancing, not just redirection to one standby.
        for (String replica : poolNodes().replicas()) {
            assertThat(answeredBy.getOrDefault(port(replica), 0)).as("reads answered by %s", replica).isPositive();
        }
    }

    @Test
    void pgPoolCountsTheBalancedReadsOnReplicasOnly() throws Exception {
        PoolNodes before = poolNodes();
        for (int i = 0; i < 20; i++) {
            try (Connection c = onePgPool(""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM public.tier_probe")) {
                assertThat(rs.next()).isTrue();
            }
        }
        PoolNodes after = poolNodes();
        long onReplicas = after.replicas().stream()
                .mapToLong(r -> after.selects().get(r) - before.selects().get(r)).sum();
        assertThat(onReplicas).as("select_cnt growth on the replicas").isGreaterThanOrEqualTo(20);
    }

    @Test
    void aTransactionReadsItsOwnWrites() throws Exception {
        try (Connection c = tier.connect(tier.superuser())) {
            c.setAutoCommit(false);
            for (int i = 0; i < 100; i++) {
                UUID id = UUID.randomUUID();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO public.tier_probe VALUES (?, 'own')")) {
                    insert.setObject(1, id);
                    insert.executeUpdate();
                }
                assertThat(count(c, id)).as("read after write in one transaction, attempt %d", i).isEqualTo(1);
                c.commit();
            }
        }
    }

    @Test
    void pgPoolSeesOnePrimaryAndEveryReplicaUp() throws SQLException {
        int primaries = 0;
        try (Connection c = poolAdmin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW pool_nodes")) {
            int nodes = 0;
            while (rs.next()) {
                nodes++;
                assertThat(rs.getString("status")).isEqualTo("up");
                primaries += "primary".equals(rs.getString("role")) ? 1 : 0;
            }
            assertThat(nodes).isEqualTo(tier.postgresNodes().size());
        }
        assertThat(primaries).isEqualTo(1);
    }

    private static int port(String node) {
        return Integer.parseInt(tier.jdbcUrl(node).replaceAll(".*:(\\d+)/.*", "$1"));
    }

    private static UUID insertProbe(String note) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = tier.connect(tier.superuser());
             PreparedStatement s = c.prepareStatement("INSERT INTO public.tier_probe VALUES (?, ?)")) {
            s.setObject(1, id);
            s.setString(2, note);
            s.executeUpdate();
        }
        return id;
    }

    private static int count(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM public.tier_probe WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** PgPool's node table: select_cnt per node, and which node is primary. */
    record PoolNodes(Map<String, Long> selects, String primary) {
        java.util.List<String> replicas() {
            return selects.keySet().stream().filter(n -> !n.equals(primary)).sorted().toList();
        }
    }

    private static PoolNodes poolNodes() throws SQLException {
        Map<String, Long> selects = new HashMap<>();
        String primary = null;
        try (Connection c = poolAdmin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW pool_nodes")) {
            while (rs.next()) {
                String node = Layout.postgresNode(rs.getString("node_id"));
                selects.put(node, Long.parseLong(rs.getString("select_cnt")));
                if ("primary".equals(rs.getString("role"))) {
                    primary = node;
                }
            }
        }
        return new PoolNodes(selects, primary);
    }

    /** PgPool answers SHOW commands only over the simple query protocol; each PgPool counts its own routing. */
    private static Connection poolAdmin() throws SQLException {
        return onePgPool("&preferQueryMode=simple");
    }

    private static Connection onePgPool(String parameters) throws SQLException {
        return java.sql.DriverManager.getConnection(tier.jdbcUrlOfOnePgPool() + parameters,
                tier.superuser().user(), tier.superuser().password());
    }
}
