package io.shopplatform.local.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopplatform.datatier.Roles;
import io.shopplatform.datatier.Sizing;
import io.shopplatform.local.drills.PrimaryFailureDrill;
import io.shopplatform.local.drills.SplitBrainDrill;
import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.Sql;
import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.model.Shop;
import io.shopplatform.testing.Relay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL failover as the cluster runs it: every scenario starts a throwaway data tier of its own from the
 * cluster's rendered entry points (member.sh, pgpool.sh, failover.sh, follow_primary.sh), loses something, and checks
 * what the seed promises. Timings are printed as measurements ("FAILOVER: ..."), not asserted.
 */
class FailoverTests {

    /** A deadline for each awaited condition, generous for a loaded 2-core machine; timings are printed, not asserted. */
    private static final Duration SETTLE = Duration.ofMinutes(3);

    @Test
    void aThreeMemberSetInitialisesAtomicallyAndClonesThroughItsSlots() throws Exception {
        try (ThrowawayCluster cluster = ThrowawayCluster.create()) {
            Database db = cluster.database;
            // A first start whose bootstrap SQL fails (no replication password to read) must leave nothing behind
            // that the next start could take for a finished data directory.
            new DatabaseFiles(db.machine(), db.logins()).write();
            Host.Result failed = db.machine().host().tryExecAsService(
                    List.of(cluster.layout.config(DatabaseFiles.POSTGRES).resolve("member.sh").toString()),
                    Map.of("HOSTNAME", "pg0", "PGDATA", cluster.layout.pgData("pg0").toString(),
                            "TMPDIR", cluster.layout.run("pg0").toString(), "SUPERUSER_PASSWORD", db.logins().superuser()),
                    300);
            assertThat(failed.exit()).as("member.sh without REPLICATION_PASSWORD:\n%s", failed.output()).isNotZero();
            assertThat(cluster.layout.pgData("pg0")).doesNotExist();

            cluster.platform.upDatabase();

            assertThat(db.replication().primaries()).containsExactly("pg0");
            for (String standby : List.of("pg1", "pg2")) {
                assertThat(db.replication().inRecovery(standby)).as("%s is a standby", standby).isTrue();
            }
            try (Connection c = cluster.connect("pg0")) {
                assertThat(Sql.query(c, "SELECT slot_name FROM pg_replication_slots WHERE active ORDER BY 1"))
                        .extracting(r -> r.get("slot_name")).containsExactly("slot_pg1", "slot_pg2");
            }
            // The replication role got its password from standard input (psql interpolates nothing in -c).
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                    + cluster.layout.postgresPort("pg0") + "/postgres", Roles.REPLICATION_USER, db.logins().replication())) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(Files.exists(Path.of(cluster.layout.pgData("pg0") + ".new"))).isFalse();
            cluster.passed();
        }
    }

    @Test
    void failsOverToTheMostAdvancedStandbyAndLosesNoAcknowledgedWrite() throws Exception {
        try (ThrowawayCluster cluster = ThrowawayCluster.start()) {
            Database db = cluster.database;
            // pg1 stops receiving WAL: with quorum ANY 1 the primary keeps acknowledging commits that only pg2 has.
            // Promoting the first live standby (pg1) would lose them; the most advanced one (pg2) has them all.
            try (Connection c = cluster.connect("pg1")) {
                Sql.execute(c, "ALTER SYSTEM SET primary_conninfo = ''", "SELECT pg_reload_conf()");
            }
            assertThat(Supervisor.waitFor(() -> !streamsFrom(cluster, "pg0", "pg1"), SETTLE)).isTrue();

            PrimaryFailureDrill.Report report = new PrimaryFailureDrill().run(cluster.platform);
            System.out.println("FAILOVER (most advanced standby): " + report.summary());

            assertThat(report.failover().oldPrimary()).isEqualTo("pg0");
            assertThat(report.failover().newPrimary()).as("the standby that had every acknowledged commit").isEqualTo("pg2");
            assertThat(report.lost()).as("acknowledged writes missing after the failover").isEmpty();
            assertThat(report.readOnlyErrors()).as("writes sent to a standby").isZero();
            assertThat(db.replication().primaries()).containsExactly("pg2");
            // The lagging standby is re-pointed at the new primary, through a slot created there for it.
            assertThat(Supervisor.waitFor(() -> streamsFrom(cluster, "pg2", "pg1"), SETTLE))
                    .as("pg1 streams from pg2 (see %s)", cluster.layout.logs()).isTrue();
            cluster.passed();
        }
    }

    /** The split-brain drill: a flap rides out without a failover; after a real one the old primary returns demoted. */
    @Test
    void aFlapCausesNoFailoverAndTheOldPrimaryRestartedAfterAFailoverRewindsAndComesBackAsAStandby() throws Exception {
        try (ThrowawayCluster cluster = ThrowawayCluster.start()) {
            Database db = cluster.database;
            SplitBrainDrill.Report report = new SplitBrainDrill().run(cluster.platform);
            System.out.println("FAILOVER (split brain): " + report.summary());

            assertThat(report.flapRetries()).as("health checks that saw the frozen primary").isPositive();
            assertThat(report.flapPromotions()).as("promotions (timeline changes) through the flap").isZero();
            assertThat(report.flapDetached()).as("a member detached by a PgPool through the flap").isFalse();
            assertThat(report.failover().oldPrimary()).as("the primary frozen by the flap kept its role").isEqualTo(report.primary());
            String primary = report.failover().newPrimary();
            String returned = report.failover().oldPrimary();
            assertThat(report.rejoinedAsStandby()).as("the old primary is a standby now").isTrue();
            assertThat(report.mostPrimaries()).as("members answering as primary at once").isEqualTo(1);
            assertThat(report.readOnlyErrors()).as("writes PgPool sent to the demoted member").isZero();
            assertThat(report.lost()).as("acknowledged writes missing").isEmpty();
            assertThat(report.violations()).isEmpty();
            assertThat(db.replication().primaries()).containsExactly(primary);
            try (Connection c = cluster.connect(returned); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM public.drill_probe")) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows on the returned member").isGreaterThanOrEqualTo(report.acknowledged());
            }
            try (Connection c = cluster.connectThroughPgPool(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO public.drill_probe VALUES (gen_random_uuid(), -1)");   // quorum commits work
            }
            cluster.passed();
        }
    }

    @Test
    void aPrimaryCutOffFromItsStandbysAcknowledgesNothingAndIsStoppedBeforeAStandbyIsPromoted() throws Exception {
        try (ThrowawayCluster cluster = ThrowawayCluster.start()) {
            Database db = cluster.database;
            try (Connection c = cluster.connectThroughPgPool(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE public.fence_probe (id int PRIMARY KEY, note text)");
            }
            // The primary loses its standbys (they stop receiving): under quorum replication a commit on it is never
            // acknowledged. The client's socket times out; the row is on the primary alone, uncommitted for anyone.
            for (String standby : List.of("pg1", "pg2")) {
                try (Connection c = cluster.connect(standby)) {
                    Sql.execute(c, "ALTER SYSTEM SET primary_conninfo = ''", "SELECT pg_reload_conf()");
                }
            }
            assertThat(Supervisor.waitFor(() -> !streamsFrom(cluster, "pg0", "pg1") && !streamsFrom(cluster, "pg0", "pg2"),
                    SETTLE)).isTrue();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                            + cluster.layout.postgresPort("pg0") + "/shop?socketTimeout=5", Roles.SUPERUSER,
                    db.logins().superuser()); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("INSERT INTO public.fence_probe VALUES (1, 'never acknowledged')"))
                        .isInstanceOf(SQLException.class).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
            }

            // The primary is detached while it still runs (an operator, or a PgPool majority that lost it): the
            // failover stops it before promoting a standby, so two primaries never take writes at once.
            long detached = System.nanoTime();
            Host.Result detach = db.machine().host().tryExecAsService(List.of("/usr/sbin/pcp_detach_node", "-h",
                    "127.0.0.1", "-p", Integer.toString(cluster.layout.pcpPort(0)), "-U", Roles.PCP_USER, "-w", "-n", "0"),
                    Map.of("PCPPASSFILE", cluster.layout.secrets(DatabaseFiles.PGPOOL).resolve("pcppass").toString()), 60);
            assertThat(detach.exit()).as(detach.output()).isZero();
            // Stopped means its process is gone, not only that it refuses connections while it shuts down (on a
            // quiet machine the restart below came before the old postmaster had exited).
            assertThat(Supervisor.waitFor(() -> db.replication().inRecovery("pg0") == null
                    && db.machine().supervisor().running("pg0").isEmpty(), SETTLE))
                    .as("the old primary was stopped").isTrue();
            assertThat(Supervisor.waitFor(() -> db.replication().primaries().size() == 1, SETTLE)).isTrue();
            String promoted = db.primary();
            System.out.printf("FAILOVER (fencing): pg0 detached while running, stopped, %s promoted %.1f s after%n",
                    promoted, (System.nanoTime() - detached) / 1e9);
            assertThat(promoted).isNotEqualTo("pg0");
            assertThat(rowsOn(cluster, promoted, "public.fence_probe")).as("the unacknowledged row").isZero();

            // Restarted, the old primary rewinds onto the new one: the row nobody acknowledged is gone everywhere.
            db.start("pg0");
            assertThat(db.replication().primaries()).containsExactly(promoted);
            assertThat(db.replication().inRecovery("pg0")).isTrue();
            assertThat(Supervisor.waitFor(() -> rowsOn(cluster, "pg0", "public.fence_probe") == 0, SETTLE)).isTrue();
            cluster.passed();
        }
    }

    @Test
    void aPgPoolCutOffFromThePrimaryAloneCannotPromote() throws Exception {
        try (ThrowawayCluster cluster = ThrowawayCluster.start()) {
            Database db = cluster.database;
            int relayPort = cluster.layout.basePort() + 70;
            try (Relay link = new Relay(relayPort, cluster.layout.postgresPort("pg0"))) {
                // PgPool 2 reaches pg0 only through the relay: its own copy of the rendered files names the relay's
                // port for backend 0; every other line, and every script, is the cluster's.
                Path cut = cluster.layout.home().resolve("config").resolve("pgpool-cut");
                Host.delete(cut);
                Host.exec(List.of("cp", "-a", cluster.layout.config(DatabaseFiles.PGPOOL).toString(), cut.toString()), Map.of(), 30);
                Path conf = cut.resolve("pgpool.conf");
                Files.writeString(conf, Files.readString(conf).replace("backend_port0 = " + cluster.layout.postgresPort("pg0"),
                        "backend_port0 = " + relayPort));
                db.machine().host().own(cut);
                PgPoolInstance pgpool2 = new PgPoolInstance(db.machine(), db.poolNodes(), 2, cut);
                db.machine().supervisor().down(pgpool2);
                db.machine().supervisor().up(pgpool2);
                db.awaitSettled();

                long cutAt = System.nanoTime();
                link.cut();
                // PgPool 2's health checks fail and it asks the watchdog to fail pg0 over ...
                assertThat(Supervisor.waitFor(() -> !nodeUp(db, 2, "0"), SETTLE))
                        .as("PgPool 2 noticed that it lost pg0").isTrue();
                double noticed = (System.nanoTime() - cutAt) / 1e9;
                // ... but the other two still see pg0: no majority, no failover. Watched for longer than a PgPool's
                // worst detection time (from the rendered health checks), a promotion would show as a second primary.
                Sizing.HealthChecks checks = Sizing.onThisMachine(Shop.PLATFORM).healthChecks();
                Duration window = checks.worstDetection().plus(checks.period());
                boolean promoted = Supervisor.waitFor(() -> db.replication().primaries().size() != 1
                        || !db.replication().primaries().contains("pg0"), window);
                System.out.printf("FAILOVER (one PgPool cut off): PgPool 2 lost pg0 after %.1f s; no promotion in the "
                        + "%d s after%n", noticed, window.toSeconds());
                assertThat(promoted).as("a standby was promoted on one PgPool's word").isFalse();
                assertThat(nodeUp(db, 0, "0") && nodeUp(db, 1, "0")).as("PgPools 0 and 1 still use pg0").isTrue();
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + cluster.layout.pgpoolPort(0)
                        + "/shop?socketTimeout=10", Roles.SUPERUSER, db.logins().superuser()); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE public.still_writable (id int)");   // writes go on through the others
                }

                link.mend();
                assertThat(Supervisor.waitFor(() -> nodeUp(db, 2, "0"), SETTLE)).as("PgPool 2 uses pg0 again").isTrue();
                db.machine().supervisor().down(pgpool2);
            }
            cluster.passed();
        }
    }

    private static boolean streamsFrom(ThrowawayCluster cluster, String primary, String standby) {
        try (Connection c = cluster.connect(primary)) {
            return !Sql.query(c, "SELECT 1 FROM pg_stat_replication WHERE application_name = '" + standby
                    + "' AND state = 'streaming'").isEmpty();
        } catch (SQLException e) {
            return false;
        }
    }

    private static long rowsOn(ThrowawayCluster cluster, String node, String table) {
        try (Connection c = cluster.connect(node)) {
            return Long.parseLong(Sql.query(c, "SELECT count(*) AS n FROM " + table).get(0).get("n"));
        } catch (SQLException e) {
            return -1;
        }
    }

    private static boolean nodeUp(Database db, int pgpool, String nodeId) {
        try {
            return db.poolNodes().of(pgpool).stream()
                    .anyMatch(n -> nodeId.equals(n.get("node_id")) && "up".equals(n.get("status")));
        } catch (SQLException e) {
            return false;
        }
    }
}
