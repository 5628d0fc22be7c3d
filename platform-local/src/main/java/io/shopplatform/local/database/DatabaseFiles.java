package io.shopplatform.local.database;

import io.shopplatform.datatier.Credentials;
import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.datatier.Sizing;
import io.shopplatform.datatier.Topology;
import io.shopplatform.local.Layout;
import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.model.Shop;
import java.nio.file.Path;
import java.util.Map;

/**
 * The data tier's files on this machine: data-tier's rendering for a topology of loopback ports and folders under
 * the state directory, written where the cluster would mount its ConfigMaps ({@code config/<component>}) and
 * Secrets ({@code secrets/<component>}). The scripts are the cluster's, byte for byte.
 */
final class DatabaseFiles {

    static final String POSTGRES = Shop.POSTGRES, PGPOOL = Shop.PGPOOL, BACKUP = Shop.DB_BACKUP;
    /** The members' backup servers' certificate folder. */
    static final String BACKUP_SERVER = "backup-server";

    private final LocalMachine machine;
    private final DatabaseLogins logins;

    DatabaseFiles(LocalMachine machine, DatabaseLogins logins) {
        this.machine = machine;
        this.logins = logins;
    }

    /** The local topology: every member and PgPool on loopback, each with its own folders. */
    static Topology topology(Layout layout) {
        return new Topology(
                layout.postgresNodes().stream().map(n -> new Topology.Member(n, n, "127.0.0.1", "127.0.0.1",
                        layout.postgresPort(n), layout.backupPort(n), layout.pgData(n).toString(),
                        layout.run(n).toString(), layout.config(POSTGRES).toString())).toList(),
                layout.pgpools().stream().map(i -> new Topology.Pooler(pooler(i), "127.0.0.1", "127.0.0.1",
                        layout.pgpoolPort(i), layout.pcpPort(i), layout.watchdogPort(i), layout.heartbeatPort(i)))
                        .toList(),
                "127.0.0.1/32",
                new Topology.Directory(layout.backups().toString()));
    }

    static String pooler(int i) {
        return PGPOOL + "-" + i;
    }

    /** Writes every component's files and secrets, and hands them to the service user. */
    void write() {
        Layout layout = machine.layout();
        DataTierFiles files = new DataTierFiles(Sizing.onThisMachine(Shop.PLATFORM), topology(layout));
        writeAll(layout.config(POSTGRES), files.postgres());
        writeAll(layout.config(PGPOOL), files.pgpool());
        writeAll(layout.config(BACKUP), files.backup());

        Path pgpool = layout.secrets(PGPOOL);
        Host.writePrivate(pgpool.resolve(Credentials.POOL_PASSWD), Credentials.poolPasswd(logins.poolLogins()));
        Host.writePrivate(pgpool.resolve(Credentials.PCP_CONF), Credentials.pcpConf(logins.pcp()));
        Host.writePrivate(pgpool.resolve(Credentials.PCPPASS), Credentials.pcpPass(logins.pcp()));
        Host.writePrivate(pgpool.resolve(Credentials.PGPASS), Credentials.pgPass(logins.superuser()));
        Host.writePrivate(pgpool.resolve(Credentials.WATCHDOG_KEY), logins.watchdogKey());
        Certificates.ensure(layout.secrets(BACKUP_SERVER), layout.secrets(BACKUP));

        Host.mkdirs(layout.logs());
        Host.mkdirs(layout.backups());
        layout.postgresNodes().forEach(n -> Host.mkdirs(layout.run(n)));
        layout.pgpools().forEach(i -> Host.mkdirs(layout.run(pooler(i))));
        Host.mkdirs(layout.run(BACKUP));
        Host.mkdirs(layout.data());
        for (Path p : new Path[] {layout.home().resolve("config"), layout.secrets(), layout.run(), layout.logs(),
                layout.backups(), layout.data()}) {
            machine.host().own(p);
        }
    }

    private static void writeAll(Path dir, Map<String, String> files) {
        files.forEach((name, content) -> {
            if (name.endsWith(".sh")) {
                Host.writeExecutable(dir.resolve(name), content);
            } else {
                Host.writePrivate(dir.resolve(name), content);
            }
        });
    }
}
