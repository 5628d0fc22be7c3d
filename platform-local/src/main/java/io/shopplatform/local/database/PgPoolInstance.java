package io.shopplatform.local.database;

import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.local.Layout;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One PgPool-II of the watchdog cluster, started by data-tier's pgpool.sh with the environment its pod would have. */
final class PgPoolInstance implements LocalServer {

    private final LocalMachine machine;
    private final PoolNodes nodes;
    private final int index;
    private final Path configDir;

    PgPoolInstance(LocalMachine machine, PoolNodes nodes, int index) {
        this(machine, nodes, index, machine.layout().config(DatabaseFiles.PGPOOL));
    }

    /** One started from other rendered files: a test's copy that names another address for a backend. */
    PgPoolInstance(LocalMachine machine, PoolNodes nodes, int index, Path configDir) {
        this.machine = machine;
        this.nodes = nodes;
        this.index = index;
        this.configDir = configDir;
    }

    int index() {
        return index;
    }

    @Override
    public String name() {
        return DatabaseFiles.pooler(index);
    }

    @Override
    public List<Integer> ports() {
        Layout l = machine.layout();
        return List.of(l.pgpoolPort(index), l.pcpPort(index), l.watchdogPort(index));
    }

    @Override
    public void writeConfig() {
    }

    @Override
    public void start() {
        Layout layout = machine.layout();
        machine.supervisor().start(name(), List.of(configDir.resolve(DataTierFiles.PGPOOL).toString()),
                Map.of("HOSTNAME", name(), "TMPDIR", layout.run(name()).toString(),
                        "SECRETS_DIR", layout.secrets(DatabaseFiles.PGPOOL).toString()),
                layout.run(name()));
    }

    @Override
    public boolean ready() {
        try {
            return !nodes.of(index).isEmpty();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(90);
    }

    /** SIGINT: PgPool's fast shutdown. */
    @Override
    public String stopSignal() {
        return "INT";
    }
}
