package io.shopplatform.local.database;

import io.shopplatform.datatier.Credentials;
import io.shopplatform.datatier.DataTierFiles;
import io.shopplatform.local.Layout;
import io.shopplatform.local.PlatformException;
import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalMachine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Backups and restores with the cluster's own scripts: {@code backup.sh} as the backup CronJobs run it, and
 * {@code restore.sh} as the restore Job runs it, against the local repository folder.
 */
public final class Backups {

    private final LocalMachine machine;
    private final DatabaseLogins logins;

    Backups(LocalMachine machine, DatabaseLogins logins) {
        this.machine = machine;
        this.logins = logins;
    }

    /** A full or incremental backup ({@code "full"}, {@code "incr"}); fails with the script's output. */
    public String backup(String type) {
        Layout l = machine.layout();
        Host.Result r = machine.host().tryExecAsService(
                List.of(l.config(DatabaseFiles.BACKUP).resolve(DataTierFiles.BACKUP).toString(), type),
                Map.of("TMPDIR", l.run(DatabaseFiles.BACKUP).toString(),
                        "SECRETS_DIR", l.secrets(DatabaseFiles.BACKUP).toString()), 1800);
        if (r.exit() != 0) {
            throw new PlatformException(type + " backup failed:\n" + r.output());
        }
        return r.output();
    }

    /**
     * Restores into {@code dataDir} (empty or missing) and recovers it up to {@code targetTime} (PostgreSQL's
     * timestamp syntax) or, if null, to the end of the archive; the directory is left stopped.
     */
    public void restore(Path dataDir, String targetTime) {
        Layout l = machine.layout();
        Path tmp = scratch(dataDir);
        Host.mkdirs(tmp);
        // As the restore Job's volume is: an empty directory the server user owns, whoever runs this (root in CI).
        Host.mkdirsPrivate(dataDir);
        machine.host().own(tmp);
        machine.host().own(dataDir);
        List<String> command = new ArrayList<>(List.of(l.config(DatabaseFiles.POSTGRES).resolve(DataTierFiles.RESTORE).toString()));
        if (targetTime != null) {
            command.add(targetTime);
        }
        Host.Result r = machine.host().tryExecAsService(command, Map.of("PGDATA", dataDir.toString(),
                "TMPDIR", tmp.toString(), Credentials.SUPERUSER_PASSWORD, logins.superuser()), 3600);
        if (r.exit() != 0) {
            throw new PlatformException("restore failed:\n" + r.output());
        }
    }

    /** The scratch folder (TMPDIR, sockets) of a restore into {@code dataDir}. */
    public static Path scratch(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".tmp");
    }

    /** pgBackRest's summary of the repository. */
    String info() {
        Layout l = machine.layout();
        Host.Result r = machine.host().tryExecAsService(List.of(DataTierFiles.PGBACKREST, "info"),
                Map.of("PGBACKREST_CONFIG", l.config(DatabaseFiles.POSTGRES).resolve("pgbackrest.conf").toString(),
                        "PGBACKREST_LOCK_PATH", l.run(DatabaseFiles.BACKUP).resolve("pgbackrest").toString()), 60);
        return r.output();
    }
}
