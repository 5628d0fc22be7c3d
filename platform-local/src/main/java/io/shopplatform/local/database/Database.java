package io.shopplatform.local.database;

import io.shopplatform.datatier.Migrate;
import io.shopplatform.datatier.Roles;
import io.shopplatform.local.Layout;
import io.shopplatform.local.PlatformException;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.schema.ServiceSchemas;
import io.shopplatform.local.machine.Sql;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local PostgreSQL members, their backup servers and the PgPool watchdog cluster, run from data-tier's rendered
 * files exactly as the cluster runs them. The runner only starts processes and waits: which member is primary, what
 * a returning member does and how a failover goes is decided by the rendered scripts, as in the cluster.
 */
public final class Database {

    /** The tests' database, beside the shop's on the same tier (tier.properties names it), with the same schemas. */
    public static final String TESTS = "shop_test";

    /** How long {@code up} waits for every PgPool to agree on the nodes (it restarts its children after a fail-back). */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);

    private final LocalMachine machine;
    private final DatabaseLogins logins;
    private final Replication replication;
    private final PoolNodes poolNodes;
    private final DatabaseFiles files;
    private final Backups backups;

    public Database(LocalMachine machine) {
        this.machine = machine;
        this.logins = new DatabaseLogins(machine.secrets());
        this.replication = new Replication(machine.layout(), logins);
        this.poolNodes = new PoolNodes(machine.layout(), logins);
        this.files = new DatabaseFiles(machine, logins);
        this.backups = new Backups(machine, logins);
    }

    LocalMachine machine() {
        return machine;
    }

    public DatabaseLogins logins() {
        return logins;
    }

    public Replication replication() {
        return replication;
    }

    public PoolNodes poolNodes() {
        return poolNodes;
    }

    public Backups backups() {
        return backups;
    }

    /** Members (the likely primary first), their backup servers, the PgPools; then the shop's and the tests' schema. */
    public void up() {
        up(List.of(Roles.DATABASE, TESTS));
    }

    /** The same, migrating only {@code databases} (a throwaway tier needs no tests' database of its own). */
    public void up(List<String> databases) {
        files.write();
        startMembers();
        String primary = awaitOnePrimary();
        awaitStandbys(primary);
        pgpools().forEach(machine.supervisor()::up);
        awaitSettled();
        members().forEach(n -> machine.supervisor().up(new BackupServer(machine, logins, n)));
        migrate(databases);
    }

    public void down() {
        Supervisor supervisor = machine.supervisor();
        pgpools().forEach(supervisor::down);
        members().forEach(n -> supervisor.down(new BackupServer(machine, logins, n)));
        // Standbys first, the primary last: a standby stopping never makes the primary wait.
        List<String> order = new ArrayList<>(members());
        order.sort(Comparator.comparing(n -> Boolean.FALSE.equals(replication.inRecovery(n))));
        for (String node : order) {
            if (supervisor.down(member(node))) {
                machine.console().step(node + " stopped");
            }
        }
    }

    /**
     * Kills a member as a machine loss would: the member and its backup server, every process at once. Returns when
     * the member's processes were sent SIGKILL ({@link System#nanoTime()}): from then on it acknowledges nothing.
     */
    public long kill(String node) {
        long killed = machine.supervisor().killSession(node);
        machine.supervisor().killSession(BackupServer.nameOf(node));
        return killed;
    }

    /** Freezes every process of a member at once (SIGSTOP), as a stalled machine would; {@link #resume} undoes it. */
    public void pause(String node) {
        machine.supervisor().signalSession(node, "STOP");
    }

    public void resume(String node) {
        machine.supervisor().signalSession(node, "CONT");
    }

    /** Starts (or restarts) one member through its entry point, as Kubernetes restarts a container. */
    public void start(String node) {
        machine.supervisor().up(member(node));
        machine.supervisor().up(new BackupServer(machine, logins, node));
    }

    /** The member that is primary now; fails unless exactly one answers as primary. */
    public String primary() {
        List<String> primaries = replication.primaries();
        if (primaries.size() != 1) {
            throw new PlatformException("expected exactly one primary, found " + primaries);
        }
        return primaries.get(0);
    }

    /** Every member but the one that is primary now (standbys, or down). */
    public List<String> standbys() {
        String primary = primary();
        return members().stream().filter(n -> !n.equals(primary)).toList();
    }

    public List<String> members() {
        return machine.layout().postgresNodes();
    }

    /** A JDBC URL over every PgPool, as the cluster's Service spreads clients over them. */
    public String poolUrl(String database) {
        Layout l = machine.layout();
        return "jdbc:postgresql://" + l.pgpools().stream().map(i -> "127.0.0.1:" + l.pgpoolPort(i))
                .collect(Collectors.joining(",")) + "/" + database + "?loadBalanceHosts=true";
    }

    /** A JDBC URL that reaches whichever member is primary, straight (db-migrate's). */
    public String primaryUrl(String database) {
        Layout l = machine.layout();
        return "jdbc:postgresql://" + members().stream().map(n -> "127.0.0.1:" + l.postgresPort(n))
                .collect(Collectors.joining(",")) + "/" + database + "?targetServerType=primary";
    }

    /** The status lines: members, replication, slots, each PgPool's node table, the backup repository. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("PostgreSQL (which member is primary, replication per standby, slots):");
        lines.addAll(replication.describe());
        Layout l = machine.layout();
        for (int i : l.pgpools()) {
            boolean running = machine.supervisor().running(DatabaseFiles.pooler(i)).isPresent();
            lines.add("PgPool-II " + i + " at 127.0.0.1:" + l.pgpoolPort(i) + (running ? ":" : ": DOWN"));
            if (running) {
                lines.addAll(poolNodes.describe(i));
            }
        }
        lines.add("Backups (" + l.backups() + "):");
        lines.add("  " + backups.info().replace("\n", "\n  "));
        return lines;
    }

    private List<Member> memberServers() {
        return members().stream().map(this::member).toList();
    }

    Member member(String node) {
        return new Member(machine, logins, replication, node);
    }

    List<PgPoolInstance> pgpools() {
        return machine.layout().pgpools().stream().map(i -> new PgPoolInstance(machine, poolNodes, i)).toList();
    }

    /**
     * The member most likely to be primary first (a running primary, else one with data that was not a standby,
     * else the bootstrap member), then the others. A member that exits (no primary yet to copy) is tried again
     * after the rest, as Kubernetes would restart it.
     */
    private void startMembers() {
        List<Member> pending = new ArrayList<>(memberServers());
        pending.sort(Comparator.comparingInt(m -> primaryLikelihood(m.name())));
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 3 && !pending.isEmpty(); round++) {
            failures.clear();
            for (Member m : List.copyOf(pending)) {
                try {
                    machine.supervisor().up(m);
                    pending.remove(m);
                } catch (PlatformException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new PlatformException(String.join("\n", failures));
        }
    }

    private int primaryLikelihood(String node) {
        if (Boolean.FALSE.equals(replication.inRecovery(node))) {
            return 0;
        }
        var data = machine.layout().pgData(node);
        if (Files.isRegularFile(data.resolve("PG_VERSION")) && !Files.exists(data.resolve("standby.signal"))) {
            return 1;
        }
        return node.equals(members().get(0)) ? 2 : 3;
    }

    private String awaitOnePrimary() {
        if (!Supervisor.waitFor(() -> replication.primaries().size() == 1, Duration.ofSeconds(30))) {
            throw new PlatformException("the members did not settle on one primary: " + replication.primaries()
                    + " (see " + machine.layout().logs() + ")");
        }
        return primary();
    }

    /** Every standby must catch up; with quorum commit, a write needs at least one of them. */
    private void awaitStandbys(String primary) {
        for (String node : members()) {
            if (!node.equals(primary)
                    && !Supervisor.waitFor(() -> replication.caughtUp(primary, node), Duration.ofSeconds(60))) {
                throw new PlatformException(node + " does not stream from " + primary + ":\n"
                        + machine.supervisor().logTail(node));
            }
        }
    }

    /**
     * Waits until every PgPool sees the actual primary as primary and every member as up. PgPool attaches a returning
     * standby by itself (auto_failback) and then restarts its children, refusing connections for a moment: that is
     * waited out here, up to {@link #SETTLE_TIMEOUT}, rather than reported as a failure.
     */
    public void awaitSettled() {
        String primary = primary();
        List<String> up = members().stream().filter(n -> replication.inRecovery(n) != null).toList();
        Layout l = machine.layout();
        if (!Supervisor.waitFor(() -> l.pgpools().stream().allMatch(i -> poolNodes.agrees(i, primary, up)), SETTLE_TIMEOUT)) {
            List<String> tables = new ArrayList<>();
            for (int i : l.pgpools()) {
                tables.add("PgPool " + i + ":");
                tables.addAll(poolNodes.describe(i));
            }
            throw new PlatformException("PgPool has not settled within " + SETTLE_TIMEOUT.toSeconds() + " s: it should see "
                    + primary + " as primary and " + up + " up, but reports\n" + String.join("\n", tables)
                    + "\n(see " + l.logs() + "/pgpool-*.log)");
        }
    }

    /**
     * db-migrate's step, with the variables its Job gets in the cluster, on the shop's database and on the tests' own
     * (created if missing), so that a test run never writes into the shop a developer runs.
     */
    private void migrate(List<String> databases) {
        try {
            try (Connection c = replication.connect(primary(), "postgres")) {
                for (String database : databases) {
                    if (Sql.query(c, "SELECT 1 FROM pg_database WHERE datname = " + Sql.literal(database)).isEmpty()) {
                        Sql.execute(c, "CREATE DATABASE " + database + " OWNER " + Roles.SUPERUSER);
                    }
                }
            }
            for (String database : databases) {
                Map<String, String> env = new HashMap<>();
                env.put("SHOP_DB_URL", primaryUrl(database));
                env.put("SHOP_DB_USER", Roles.SUPERUSER);
                env.put("SHOP_DB_PASSWORD", logins.superuser());
                // Roles are cluster-wide: one password each serves both databases.
                ServiceSchemas.ALL.forEach(s -> env.put(Migrate.rolePasswordVariable(s.service()), logins.role(s.service())));
                Migrate.run(env);
            }
        } catch (SQLException | RuntimeException e) {
            throw new PlatformException("could not migrate the databases: " + e.getMessage(), e);
        }
    }
}
