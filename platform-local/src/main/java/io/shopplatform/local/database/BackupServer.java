package io.shopplatform.local.database;

import io.shopplatform.datatier.Credentials;
import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.local.Layout;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import io.shopplatform.local.machine.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** pgBackRest's TLS server beside one member (the member pod's sidecar in the cluster), started by backup-server.sh. */
final class BackupServer implements LocalServer {

    private final LocalMachine machine;
    private final DatabaseLogins logins;
    private final String node;

    BackupServer(LocalMachine machine, DatabaseLogins logins, String node) {
        this.machine = machine;
        this.logins = logins;
        this.node = node;
    }

    static String nameOf(String node) {
        return node + "-backup";
    }

    @Override
    public String name() {
        return nameOf(node);
    }

    @Override
    public List<Integer> ports() {
        return List.of(machine.layout().backupPort(node));
    }

    @Override
    public void writeConfig() {
    }

    @Override
    public void start() {
        Layout layout = machine.layout();
        // The member's TMPDIR: the backup server reaches the database through the member's socket there.
        machine.supervisor().start(name(), List.of(layout.config(DatabaseFiles.POSTGRES).resolve(DataTierFiles.BACKUP_SERVER).toString()),
                Map.of("HOSTNAME", node, "PGDATA", layout.pgData(node).toString(), "TMPDIR", layout.run(node).toString(),
                        "SECRETS_DIR", layout.secrets(DatabaseFiles.BACKUP_SERVER).toString(),
                        Credentials.SUPERUSER_PASSWORD, logins.superuser()),
                layout.run(node));
    }

    @Override
    public boolean ready() {
        return Supervisor.listening(machine.layout().backupPort(node));
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(30);
    }
}
