package io.shopplatform.local.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.datatier.Roles;
import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.Sql;
import io.shopplatform.local.machine.Supervisor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Backups that can be restored: continuous WAL archiving and a full backup with the cluster's scripts (backup.sh,
 * restore.sh, the members' archive_command), a failover in between so the archive must follow the new primary, and
 * a restore to a point in time into a fresh data directory that holds exactly what existed then. RPO and RTO are
 * printed as measured ("BACKUP: ...").
 */
class BackupRestoreTests {

    private static final String STATE = "SELECT count(*) AS n, md5(string_agg(id || ':' || payload, ',' ORDER BY id)) AS sum "
            + "FROM public.pitr_probe";

    @Test
    void aRestoreToAPointBeforeAFailoverHoldsExactlyWhatExistedThen() throws Exception {
        try (ThrowawayCluster cluster = ThrowawayCluster.start()) {
            Database db = cluster.database;
            long started = System.nanoTime();
            db.backups().backup("full");
            System.out.printf("BACKUP: full backup through the members' backup servers in %.1f s%n", seconds(started));

            String oldPrimary = db.primary();
            Map<String, String> then;
            String pointInTime;
            try (Connection c = cluster.connect(oldPrimary)) {
                Sql.execute(c, "CREATE TABLE public.pitr_probe (id bigint PRIMARY KEY, payload text NOT NULL)",
                        "INSERT INTO public.pitr_probe SELECT i, md5(i::text) FROM generate_series(1, 1000) i");
                then = Sql.query(c, STATE).get(0);
                pointInTime = Sql.query(c, "SELECT clock_timestamp()::text AS t").get(0).get("t");
            }

            db.kill(oldPrimary);
            assertThat(Supervisor.waitFor(() -> db.replication().primaries().stream().anyMatch(n -> !n.equals(oldPrimary)),
                    Duration.ofSeconds(90))).as("a standby was promoted").isTrue();
            String newPrimary = db.primary();
            long committed;
            String walOfLastCommit;
            try (Connection c = cluster.connect(newPrimary)) {
                Sql.execute(c, "INSERT INTO public.pitr_probe SELECT i, md5(i::text) FROM generate_series(1001, 1500) i",
                        "UPDATE public.pitr_probe SET payload = 'changed after the point in time' WHERE id <= 100");
                committed = System.nanoTime();
                walOfLastCommit = Sql.query(c, "SELECT pg_walfile_name(pg_current_wal_lsn()) AS w").get(0).get("w");
                assertThat(Sql.query(c, STATE).get(0)).as("the live data moved on").isNotEqualTo(then);
            }
            // The archive follows the new primary: how long a commit waits before it is in the repository is the
            // recovery point if every member were lost at once (bounded by archive_timeout).
            assertThat(Supervisor.waitFor(() -> archived(cluster, newPrimary, walOfLastCommit), Duration.ofMinutes(3)))
                    .as("%s archived by the new primary %s", walOfLastCommit, newPrimary).isTrue();
            double rpo = seconds(committed);

            Path restored = cluster.layout.home().resolve("restored");
            long restoreStarted = System.nanoTime();
            db.backups().restore(restored, pointInTime);
            int port = cluster.layout.basePort() + 80;
            start(cluster, restored, port);
            double rto = seconds(restoreStarted);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + Roles.DATABASE,
                    Roles.SUPERUSER, db.logins().superuser())) {
                assertThat(Sql.query(c, "SELECT pg_is_in_recovery() AS r").get(0)).containsEntry("r", "f");
                assertThat(Sql.query(c, STATE).get(0)).as("rows and checksum at %s", pointInTime).isEqualTo(then);
            } finally {
                stop(cluster, restored);
            }
            System.out.printf("BACKUP: point-in-time restore across a failover (%s -> %s): %s rows, checksum equal; "
                    + "RPO measured %.1f s (commit to archived WAL), RTO measured %.1f s (restore, recovery, first "
                    + "connection)%n", oldPrimary, newPrimary, then.get("n"), rpo, rto);
            cluster.passed();
        }
    }

    private static boolean archived(ThrowawayCluster cluster, String node, String wal) {
        try (Connection c = cluster.connect(node)) {
            String last = Sql.query(c, "SELECT coalesce(last_archived_wal, '') AS w FROM pg_stat_archiver").get(0).get("w");
            // WAL file names sort by timeline, then position; a .partial or .history name is not a later segment.
            return last.length() == 24 && last.compareTo(wal) >= 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Starts the restored directory as a member would run it (the rendered configuration), on its own port. */
    private static void start(ThrowawayCluster cluster, Path data, int port) {
        Path config = cluster.layout.config(DatabaseFiles.POSTGRES);
        cluster.database.machine().host().execAsService(List.of(DataTierFiles.PG_BIN + "/pg_ctl", "-D", data.toString(),
                "-w", "-t", "300", "-l", Backups.scratch(data).resolve("restored.log").toString(), "-o",
                "-c data_directory=" + data + " -c config_file=" + config.resolve("postgresql.conf")
                        + " -c hba_file=" + config.resolve("pg_hba.conf") + " -c archive_mode=off"
                        + " -c synchronous_standby_names='' -c listen_addresses=127.0.0.1 -c port=" + port
                        + " -c unix_socket_directories=" + Backups.scratch(data), "start"), Map.of(), 360);
    }

    private static void stop(ThrowawayCluster cluster, Path data) {
        Host.Result r = cluster.database.machine().host().tryExecAsService(List.of(DataTierFiles.PG_BIN + "/pg_ctl",
                "-D", data.toString(), "-m", "fast", "-w", "stop"), Map.of(), 120);
        assertThat(r.exit()).as(r.output()).isZero();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
