package io.shopplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

    private static final int BASE_PORT = 16400;
    private static Layout layout;
    private static LocalPlatform cluster;

    private static String oldPrimary;
    private static final Set<Long> acknowledged = new HashSet<>();

    @BeforeAll
    static void startThrowawayCluster() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path home = Files.createTempDirectory(Path.of("/var/tmp"), "shop-failover-");
        home.toFile().setExecutable(true, false);
        home.toFile().setReadable(true, false);
        layout = new Layout(repo, home, BASE_PORT, 2);
        cluster = new LocalPlatform(layout, new Console(System.out));
        cluster.upDatabase();
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS public.failover_probe (id bigint PRIMARY KEY)");
        }
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
        oldPrimary = cluster.primary();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong killedAt = new AtomicLong();
        AtomicLong firstWriteAfterKill = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Long> acked = new ArrayList<>();

        Thread writer = new Thread(() -> {
            long next = 1;
            Connection c = null;
            while (running.get()) {
                long attemptStarted = System.nanoTime();
                try {
                    if (c == null) {
                        c = admin();
                    }
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO public.failover_probe VALUES (?)")) {
                        s.setLong(1, next);
                        s.executeUpdate();
                    }
                    synchronized (acked) {
                        acked.add(next);
                    }
                    // Only a write begun after the postmaster died counts: one in flight may still commit.
                    if (killedAt.get() != 0 && attemptStarted > killedAt.get() && firstWriteAfterKill.get() == 0) {
                        firstWriteAfterKill.set(System.nanoTime());
                    }
                    next++;
                } catch (SQLException e) {
                    // A session is cut when its node dies: reconnect, as a service's pool does. The failed id is
                    // retried only if the insert really did not happen (its outcome is unknown to the client).
                    errors.add(e.getSQLState() + " " + e.getMessage());
                    close(c);
                    c = null;
                    next++;
                }
            }
            close(c);
        }, "writer");
        writer.start();

        awaitAcked(acked, 200);
        cluster.crashPrimary();   // SIGKILL, returning once the postmaster is gone
        killedAt.set(System.nanoTime());
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (firstWriteAfterKill.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);   // waiting for the writer to report its first post-failover success
        }
        int ackedAtRecovery = size(acked);
        awaitAcked(acked, ackedAtRecovery + 200);
        running.set(false);
        writer.join();

        assertThat(firstWriteAfterKill.get()).as("a write succeeded after the primary was killed").isPositive();
        double seconds = (firstWriteAfterKill.get() - killedAt.get()) / 1e9;
        System.out.printf("FAILOVER: primary %s killed; first acknowledged write through PgPool %.3f s later; "
                + "%d writes acknowledged in all%n", oldPrimary, seconds, size(acked));

        assertThat(errors).as("no write was sent to a read-only node").noneMatch(e -> e.startsWith("25006"));
        String newPrimary = cluster.primary();
        assertThat(newPrimary).isNotEqualTo(oldPrimary);
        assertThat(primariesAmongRunningNodes()).containsExactly(newPrimary);

        Set<Long> present = new HashSet<>();
        try (Connection c = adminOnceReconnected(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM public.failover_probe")) {
            while (rs.next()) {
                present.add(rs.getLong(1));
            }
        }
        synchronized (acked) {
            acknowledged.addAll(acked);
        }
        assertThat(present).as("every acknowledged write survived the failover").containsAll(acknowledged);
    }

    @Test
    @Order(2)
    void theOtherReplicaFollowsTheNewPrimary() throws Exception {
        String primary = cluster.primary();
        String survivor = layout.postgresNodes().stream().filter(n -> !n.equals(primary) && !n.equals(oldPrimary))
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
        assertThat(streams(primary, oldPrimary)).as("%s rebuilt and streaming from %s", oldPrimary, primary).isTrue();
        try (Connection c = cluster.connectNode(oldPrimary); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM public.failover_probe WHERE id = ANY(ARRAY"
                     + acknowledged.stream().sorted().toList() + "::bigint[])")) {
            rs.next();
            assertThat(rs.getLong(1)).as("acknowledged rows on the rebuilt node").isEqualTo(acknowledged.size());
        }
        try (Connection c = adminOnceReconnected(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO public.failover_probe VALUES (-1)");   // quorum commits work again
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

    private static Connection admin() throws SQLException {
        Secrets secrets = new Secrets(layout.secrets().resolve("credentials.properties"));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + layout.pgpoolPort()
                + "/shop?connectTimeout=2&socketTimeout=10", Postgres.SUPERUSER, secrets.password("postgres.superuser"));
    }

    /** PgPool restarts its children when a node is attached again, cutting connection attempts for a moment. */
    private static Connection adminOnceReconnected() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return admin();
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);   // retrying the connection, as a service's connection pool would
            }
        }
    }

    private static void awaitAcked(List<Long> acked, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (size(acked) < count && System.nanoTime() < deadline) {
            Thread.sleep(10);   // waiting for the writer thread to get that many acknowledgements
        }
        assertThat(size(acked)).as("acknowledged writes").isGreaterThanOrEqualTo(count);
    }

    private static int size(List<Long> acked) {
        synchronized (acked) {
            return acked.size();
        }
    }

    private static void close(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // the session is already gone
        }
    }
}
