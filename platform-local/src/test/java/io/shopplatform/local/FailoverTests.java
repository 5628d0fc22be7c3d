package io.shopplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Kills the primary while a client writes through PgPool, on a throwaway cluster of its own (same runner, other
 * ports and folders) so the shared tier other tests use is never disturbed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverTests {

    private static final int BASE_PORT = Layout.configuredBasePort() + Layout.THROWAWAY_OFFSET;
    private static Layout layout;
    private static LocalPlatform cluster;

    private static PrimaryFailureDrill.Report report;

    @BeforeAll
    static void startThrowawayCluster() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path home = Files.createTempDirectory(Path.of("/var/tmp"), "shop-failover-");
        home.toFile().setExecutable(true, false);
        home.toFile().setReadable(true, false);
        layout = new Layout(repo, home, BASE_PORT, 2);
        cluster = new LocalPlatform(layout, new Console(System.out));
        cluster.upDatabase();
    }

    /** Keeps the cluster's folder (logs, failover.log) when a test failed, for whoever reads the report. */
    @RegisterExtension
    static final TestWatcher keepEvidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };
    private static volatile boolean failed;

    @AfterAll
    static void removeThrowawayCluster() {
        if (cluster != null) {
            cluster.down();
            if (failed) {
                System.out.println("FAILOVER: kept " + layout.home() + " for inspection");
            } else {
                Postgres.delete(layout.home());
            }
        }
    }

    @Test
    @Order(1)
    void writesResumeOnAPromotedReplicaAndNoAcknowledgedWriteIsLost() throws Exception {
        report = new PrimaryFailureDrill(cluster).run();
        System.out.println("FAILOVER: " + report.summary());

        assertThat(report.readOnlyErrors()).as("writes sent to a read-only node").isEmpty();
        assertThat(report.newPrimary()).isNotEqualTo(report.oldPrimary());
        assertThat(primariesAmongRunningNodes()).containsExactly(report.newPrimary());
        assertThat(report.lost()).as("acknowledged writes missing after the failover").isEmpty();
        assertThat(report.acknowledged()).isGreaterThan(400);
    }

    @Test
    @Order(2)
    void theOtherReplicaFollowsTheNewPrimary() throws Exception {
        String primary = cluster.primary();
        String survivor = layout.postgresNodes().stream().filter(n -> !n.equals(primary) && !n.equals(report.oldPrimary()))
                .findFirst().orElseThrow();
        assertThat(Supervisor.waitFor(() -> streams(primary, survivor), Duration.ofSeconds(30)))
                .as("%s streams from the new primary %s (see %s)", survivor, primary, layout.logs().resolve("failover.log"))
                .isTrue();
    }

    @Test
    @Order(3)
    void aSecondUpRebuildsTheFailedPrimaryAsAReplica() throws Exception {
        cluster.upDatabase();
        String primary = cluster.primary();
        assertThat(primariesAmongRunningNodes()).containsExactly(primary);
        String rebuilt = report.oldPrimary();
        assertThat(streams(primary, rebuilt)).as("%s rebuilt and streaming from %s", rebuilt, primary).isTrue();
        try (Connection c = cluster.connectNode(rebuilt); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM public.drill_probe")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows on the rebuilt node").isGreaterThanOrEqualTo(report.acknowledged());
        }
        try (Connection c = cluster.connectThroughPgPool(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO public.drill_probe VALUES (gen_random_uuid(), -1)");   // quorum commits work again
        }
    }

    private static boolean streams(String primary, String replica) {
        try (Connection c = cluster.connectNode(primary); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_stat_replication WHERE application_name = '" + replica
                     + "' AND state = 'streaming'")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private static List<String> primariesAmongRunningNodes() {
        List<String> primaries = new ArrayList<>();
        for (String node : layout.postgresNodes()) {
            try (Connection c = cluster.connectNode(node); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    primaries.add(node);
                }
            } catch (SQLException e) {
                // down: neither primary nor replica
            }
        }
        return primaries;
    }





}
