package io.shopplatform.local.database;

import io.shopplatform.datatier.Credentials;
import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.local.Layout;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One PostgreSQL member, started by data-tier's {@code member.sh} with the environment its pod would have: it finds
 * the current primary among its peers and initialises, copies, rewinds or follows by itself.
 */
final class Member implements LocalServer {

    private final LocalMachine machine;
    private final DatabaseLogins logins;
    private final Replication replication;
    private final String node;

    Member(LocalMachine machine, DatabaseLogins logins, Replication replication, String node) {
        this.machine = machine;
        this.logins = logins;
        this.replication = replication;
        this.node = node;
    }

    @Override
    public String name() {
        return node;
    }

    @Override
    public List<Integer> ports() {
        return List.of(machine.layout().postgresPort(node));
    }

    /** The member's files are the data tier's, written once for all by {@link DatabaseFiles}. */
    @Override
    public void writeConfig() {
    }

    @Override
    public void start() {
        Layout layout = machine.layout();
        machine.supervisor().start(node, List.of(layout.config(DatabaseFiles.POSTGRES).resolve(DataTierFiles.MEMBER).toString()),
                Map.of("HOSTNAME", node, "PGDATA", layout.pgData(node).toString(), "TMPDIR", layout.run(node).toString(),
                        Credentials.SUPERUSER_PASSWORD, logins.superuser(),
                        Credentials.REPLICATION_PASSWORD, logins.replication()),
                layout.run(node));
    }

    @Override
    public boolean ready() {
        return replication.inRecovery(node) != null;
    }

    /** A first start of a standby copies the whole primary. */
    @Override
    public Duration startTimeout() {
        return Duration.ofMinutes(5);
    }

    /** SIGINT: PostgreSQL's fast shutdown (sessions ended, a checkpoint written). */
    @Override
    public String stopSignal() {
        return "INT";
    }

    @Override
    public Duration stopTimeout() {
        return Duration.ofSeconds(60);
    }
}
