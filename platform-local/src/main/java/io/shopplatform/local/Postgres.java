package io.shopplatform.local;

import io.shopplatform.model.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 primary with streaming replicas on loopback, replicating synchronously to a quorum
 * (the model's {@code ANY 1}): a commit acknowledged to a client is on at least two nodes.
 *
 * <p>Which node is primary is not fixed: PgPool's failover script promotes a replica and records it in
 * {@link Layout#primaryFile()}. On {@code up}, every other node is made a replica of the current primary,
 * rewound (or re-cloned) if it was once a primary itself.
 */
final class Postgres {

    static final String SUPERUSER = "shop_admin";
    static final String REPLICATION_USER = "replicator";
    static final String DATABASE = "shop";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(20);

    private final Context context;
    private final Platform platform;

    Postgres(Context context, Platform platform) {
        this.context = context;
        this.platform = platform;
    }

    String superuserPassword() {
        return context.secrets().password("postgres.superuser");
    }

    String replicationPassword() {
        return context.secrets().password("postgres.replicator");
    }

    /** The pgpass file the runner, pg_basebackup, pg_rewind and the failover scripts authenticate with. */
    Path passfile() {
        return context.layout().secrets().resolve("pgpass");
    }

    void up() {
        writeCredentialFiles();
        String primary = decidePrimary();
        if (!hasData(primary)) {
            initPrimary(primary);
        }
        start(primary);
        bootstrap(primary);
        for (String node : context.layout().postgresNodes()) {
            if (!node.equals(primary)) {
                upReplica(node, primary);
            }
        }
        recordPrimary(primary);
    }

    void down() {
        List<String> nodes = new ArrayList<>(context.layout().postgresNodes());
        String primary = readPrimaryFile().orElse("pg0");
        nodes.sort(Comparator.comparing(primary::equals));   // replicas first, the primary last
        for (String node : nodes) {
            if (context.supervisor().stop(node, "INT", Duration.ofSeconds(60))) {
                context.console().step(node + " stopped");
            }
        }
    }

    /** The node that is primary now: a running node out of recovery, else the last one recorded. */
    String decidePrimary() {
        List<String> primaries = new ArrayList<>();
        for (String node : context.layout().postgresNodes()) {
            if (context.supervisor().running(node).isPresent() && Boolean.FALSE.equals(inRecovery(node))) {
                primaries.add(node);
            }
        }
        String recorded = readPrimaryFile().orElse(context.layout().postgresNodes().get(0));
        if (primaries.size() == 1) {
            return primaries.get(0);
        }
        if (primaries.size() > 1) {
            // Two nodes accept writes: keep the recorded primary, the other is rebuilt as its replica.
            String keep = primaries.contains(recorded) ? recorded : primaries.get(0);
            primaries.stream().filter(n -> !n.equals(keep)).forEach(n -> {
                context.console().warn(n + " also runs as a primary (split brain); stopping it to rebuild it as a replica");
                context.supervisor().stop(n, "INT", Duration.ofSeconds(60));
            });
            return keep;
        }
        if (!hasData(recorded)) {
            // The recorded primary's data is gone; promote nothing silently: take any node that has data.
            return context.layout().postgresNodes().stream().filter(this::hasData).findFirst().orElse(recorded);
        }
        return recorded;
    }

    Optional<String> readPrimaryFile() {
        try {
            return Files.isRegularFile(context.layout().primaryFile())
                    ? Optional.of(Files.readString(context.layout().primaryFile()).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code true} for a replica, {@code false} for a primary, {@code null} if the node does not answer. */
    Boolean inRecovery(String node) {
        try (Connection c = connect(node, "postgres")) {
            return "t".equals(Sql.query(c, "SELECT pg_is_in_recovery() AS r").get(0).get("r"));
        } catch (SQLException e) {
            return null;
        }
    }

    Connection connect(String node, String database) throws SQLException {
        return Sql.connect(context.layout().postgresPort(node), database, SUPERUSER, superuserPassword());
    }

    private boolean hasData(String node) {
        return Files.isRegularFile(context.layout().pgData(node).resolve("PG_VERSION"));
    }

    private void writeCredentialFiles() {
        String pgpass = "127.0.0.1:*:replication:" + REPLICATION_USER + ":" + replicationPassword() + "\n"
                + "127.0.0.1:*:*:" + SUPERUSER + ":" + superuserPassword() + "\n";
        Host.writePrivate(passfile(), pgpass);
        context.host().own(context.layout().secrets());
    }

    private void initPrimary(String node) {
        context.console().step(node + ": initdb (first start)");
        Path dir = context.layout().pgData(node);
        mkdirs(dir);
        Path pwfile = context.layout().secrets().resolve("initdb.pw");
        Host.writePrivate(pwfile, superuserPassword());
        context.host().own(context.layout().data());
        context.host().own(context.layout().secrets());
        try {
            context.host().execAsService(List.of(Host.PG_BIN.resolve("initdb").toString(), "-D", dir.toString(),
                    "-U", SUPERUSER, "--pwfile=" + pwfile, "--auth=scram-sha-256", "--data-checksums",
                    "-E", "UTF8", "--locale=C.UTF-8"), Map.of(), 120);
        } finally {
            delete(pwfile);
        }
        append(dir.resolve("postgresql.conf"), "\ninclude_if_exists = 'shop.conf'\n");
        write(dir.resolve("shop.conf"), serverConfig());
        write(dir.resolve("pg_hba.conf"), """
                # Loopback only, passwords (SCRAM) always; replication only for the replication role.
                host  all          all                 127.0.0.1/32  scram-sha-256
                host  replication  %s  127.0.0.1/32  scram-sha-256
                """.formatted(REPLICATION_USER));
        context.host().own(dir);
    }

    /** Settings every node shares (pg_basebackup and pg_rewind copy them); port and name go on the command line. */
    private String serverConfig() {
        String standbys = String.join(", ", context.layout().postgresNodes());
        return """
                # Written by ./platform. Node-specific settings (port, cluster_name) are command-line options,
                # which survive pg_rewind copying this file from another node.
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                max_connections = %d
                password_encryption = 'scram-sha-256'
                shared_buffers = '128MB'
                wal_level = replica
                wal_log_hints = on
                max_wal_senders = 10
                max_replication_slots = 10
                wal_keep_size = '256MB'
                hot_standby = on
                hot_standby_feedback = on
                # A commit returns once %s of the other nodes has it: an acknowledged write survives losing the primary.
                synchronous_commit = on
                synchronous_standby_names = '%s (%s)'
                log_min_messages = warning
                log_line_prefix = '%%m [%%p] %%q%%u@%%d '
                """.formatted(
                platform.pooling().maxBackendConnections() + 50,
                platform.pooling().synchronousQuorum(), platform.pooling().synchronousQuorum(), standbys);
    }

    private void start(String node) {
        if (context.supervisor().running(node).isPresent()) {
            awaitReady(node);
            return;
        }
        int port = context.layout().postgresPort(node);
        context.supervisor().requireFree(node, port);
        context.supervisor().start(node, List.of(Host.PG_BIN.resolve("postgres").toString(), "-D", context.layout().pgData(node).toString(),
                "-c", "port=" + port, "-c", "cluster_name=" + node), Map.of(), context.layout().data());
        awaitReady(node);
    }

    private void awaitReady(String node) {
        context.supervisor().awaitReady(node, () -> inRecovery(node) != null, START_TIMEOUT);
    }

    /** The replication role and the shop database; idempotent. Runs before any replica exists, so locally durable. */
    private void bootstrap(String primary) {
        try (Connection c = connect(primary, "postgres")) {
            Sql.execute(c, "SET synchronous_commit = local");
            if (Sql.query(c, "SELECT 1 FROM pg_roles WHERE rolname = " + Sql.literal(REPLICATION_USER)).isEmpty()) {
                Sql.execute(c, "CREATE ROLE " + REPLICATION_USER + " WITH REPLICATION LOGIN");
            }
            Sql.execute(c, "ALTER ROLE " + REPLICATION_USER + " PASSWORD " + Sql.literal(replicationPassword()));
            if (Sql.query(c, "SELECT 1 FROM pg_database WHERE datname = " + Sql.literal(DATABASE)).isEmpty()) {
                Sql.execute(c, "CREATE DATABASE " + DATABASE + " OWNER " + SUPERUSER);
            }
        } catch (SQLException e) {
            throw new PlatformException("could not bootstrap " + primary + ": " + e.getMessage(), e);
        }
    }

    private void upReplica(String node, String primary) {
        if (!hasData(node)) {
            cloneFrom(node, primary);
        } else if (!Files.exists(context.layout().pgData(node).resolve("standby.signal"))) {
            context.console().step(node + " was a primary before a failover; rewinding it to follow " + primary);
            context.supervisor().stop(node, "INT", Duration.ofSeconds(60));
            rewindOrClone(node, primary);
        }
        if (context.supervisor().running(node).isEmpty()) {
            pointAt(node, primary);
        }
        if (startsAndFollows(node, primary)) {
            return;
        }
        // The sure way back: a fresh copy of the primary.
        context.console().warn(node + " does not follow " + primary + "; taking a fresh base backup");
        context.supervisor().stop(node, "INT", Duration.ofSeconds(60));
        cloneFrom(node, primary);
        pointAt(node, primary);
        if (!startsAndFollows(node, primary)) {
            throw new PlatformException(node + " does not follow " + primary + " even after a fresh base backup:\n"
                    + context.supervisor().logTail(node));
        }
    }

    private boolean startsAndFollows(String node, String primary) {
        try {
            start(node);
        } catch (PlatformException e) {
            context.console().warn(node + " did not start as a replica of " + primary);
            return false;
        }
        return follows(node, primary);
    }

    private void cloneFrom(String node, String primary) {
        context.console().step(node + ": base backup from " + primary);
        Path dir = context.layout().pgData(node);
        delete(dir);
        ensureSlot(primary, node);
        context.host().own(context.layout().data());
        context.host().execAsService(List.of(Host.PG_BIN.resolve("pg_basebackup").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(context.layout().postgresPort(primary)), "-U", REPLICATION_USER,
                "-D", dir.toString(), "-X", "stream", "-S", slot(node), "--checkpoint=fast", "-R", "-w"),
                Map.of("PGPASSFILE", passfile().toString()), 300);
    }

    private void rewindOrClone(String node, String primary) {
        // pg_rewind reads the source's timeline from its last checkpoint; a just-promoted primary may not have
        // written one on its new timeline yet, and pg_rewind would then see "no rewind required".
        try (Connection c = connect(primary, "postgres")) {
            Sql.execute(c, "CHECKPOINT");
        } catch (SQLException e) {
            throw new PlatformException("could not checkpoint " + primary + " before rewinding " + node, e);
        }
        Host.Result rewind = Host.tryExec(context.host().asServiceUser(List.of(Host.PG_BIN.resolve("pg_rewind").toString(),
                "--target-pgdata=" + context.layout().pgData(node),
                "--source-server=host=127.0.0.1 port=" + context.layout().postgresPort(primary) + " user=" + SUPERUSER
                        + " dbname=postgres passfile=" + passfile())), Map.of("PGPASSFILE", passfile().toString()), 300);
        Host.writePrivate(context.layout().logs().resolve("pg_rewind-" + node + ".log"), rewind.output());
        if (rewind.exit() != 0) {
            context.console().warn(node + ": pg_rewind failed (" + lastLine(rewind.output()) + "); taking a fresh base backup");
            cloneFrom(node, primary);
            return;
        }
        write(context.layout().pgData(node).resolve("standby.signal"), "");
        context.host().own(context.layout().pgData(node));
    }

    /** Points a stopped replica at {@code primary}, through its own replication slot there. */
    private void pointAt(String node, String primary) {
        ensureSlot(primary, node);
        Path auto = context.layout().pgData(node).resolve("postgresql.auto.conf");
        List<String> kept = new ArrayList<>();
        try {
            if (Files.exists(auto)) {
                Files.readAllLines(auto).stream()
                        .filter(l -> !l.startsWith("primary_conninfo") && !l.startsWith("primary_slot_name"))
                        .forEach(kept::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kept.add("primary_conninfo = '" + conninfo(primary, node) + "'");
        kept.add("primary_slot_name = '" + slot(node) + "'");
        write(auto, String.join("\n", kept) + "\n");
        write(context.layout().pgData(node).resolve("standby.signal"), "");
        context.host().own(context.layout().pgData(node));
    }

    String conninfo(String primary, String node) {
        return "host=127.0.0.1 port=" + context.layout().postgresPort(primary) + " user=" + REPLICATION_USER
                + " passfile=" + passfile() + " application_name=" + node;
    }

    static String slot(String node) {
        return "slot_" + node;
    }

    private void ensureSlot(String primary, String node) {
        try (Connection c = connect(primary, "postgres")) {
            Sql.query(c, "SELECT pg_create_physical_replication_slot(" + Sql.literal(slot(node)) + ", true) "
                    + "WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = " + Sql.literal(slot(node)) + ")");
        } catch (SQLException e) {
            throw new PlatformException("could not create the replication slot for " + node + " on " + primary
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * A replica follows when it has replayed everything the primary had written when we asked. Merely being
     * connected is not enough: a replica on a diverged timeline connects, then drops out again.
     */
    private boolean follows(String node, String primary) {
        String target;
        try (Connection c = connect(primary, "postgres")) {
            target = Sql.query(c, "SELECT pg_current_wal_lsn()::text AS lsn").get(0).get("lsn");
        } catch (SQLException e) {
            return false;
        }
        return Supervisor.waitFor(() -> {
            try (Connection c = connect(primary, "postgres")) {
                return !Sql.query(c, "SELECT 1 FROM pg_stat_replication WHERE application_name = " + Sql.literal(node)
                        + " AND state = 'streaming' AND replay_lsn >= " + Sql.literal(target) + "::pg_lsn").isEmpty();
            } catch (SQLException e) {
                return false;
            }
        }, STREAMING_TIMEOUT);
    }

    private void recordPrimary(String primary) {
        write(context.layout().primaryFile(), primary + "\n");
        context.host().own(context.layout().primaryFile());
    }

    /** Rows for {@code status}: role, and replication state seen from the primary. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        String primary = null;
        for (String node : context.layout().postgresNodes()) {
            Boolean recovery = context.supervisor().running(node).isPresent() ? inRecovery(node) : null;
            String role = recovery == null ? "DOWN" : recovery ? "replica" : "PRIMARY";
            if (Boolean.FALSE.equals(recovery)) {
                primary = node;
            }
            lines.add(String.format("  %-4s %-8s 127.0.0.1:%d", node, role, context.layout().postgresPort(node)));
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
            } catch (SQLException e) {
                lines.add("       (could not read replication state: " + e.getMessage() + ")");
            }
        }
        return lines;
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String content) {
        try {
            Files.writeString(file, content, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder tree; {@code rm -rf} because servers that just stopped may still be closing files in it. */
    static void delete(Path path) {
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Host.exec(List.of("rm", "-rf", "--one-file-system", path.toString()), Map.of(), 120);
        }
    }
}
