package io.shopplatform.local.database;

import io.shopplatform.datatier.Roles;
import io.shopplatform.local.Layout;
import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.machine.Console;
import io.shopplatform.local.machine.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A data tier of its own for one test (three members, their backup servers, three PgPools), started by the same
 * runner and rendered files as {@code ./platform up}, on ports above the checkout's base port and in a folder of its
 * own, so the shared tier other tests use is never disturbed. Kept for inspection when its test did not pass.
 * Published in platform-local's test jar for other modules' failover tests.
 */
public final class ThrowawayCluster implements AutoCloseable {

    private static final int BASE_PORT = Layout.configuredBasePort() + Layout.THROWAWAY_OFFSET;

    final Layout layout;
    final LocalPlatform platform;
    final Database database;
    private boolean passed;

    private ThrowawayCluster(Layout layout) {
        this.layout = layout;
        this.platform = new LocalPlatform(layout, new Console(System.out));
        this.database = platform.database();
    }

    public static ThrowawayCluster start() {
        ThrowawayCluster cluster = create();
        try {
            cluster.platform.upDatabase();
        } catch (RuntimeException e) {
            cluster.close();   // whatever did start must not outlive the test
            throw e;
        }
        return cluster;
    }

    /** The folders and ports, nothing started. */
    static ThrowawayCluster create() {
        try {
            Path repo = Path.of("..").toAbsolutePath().normalize();
            Path home = Files.createTempDirectory(Path.of("/var/tmp"), "shop-throwaway-");
            home.toFile().setExecutable(true, false);
            home.toFile().setReadable(true, false);
            return new ThrowawayCluster(new Layout(repo, home, BASE_PORT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Database database() {
        return database;
    }

    /** A JDBC URL over the three PgPools, as a service would be given one. */
    public String poolUrl() {
        return database.poolUrl(Roles.DATABASE);
    }

    Connection connectThroughPgPool() throws SQLException {
        return platform.connectThroughPgPool();
    }

    Connection connect(String node) throws SQLException {
        return database.replication().connect(node, Roles.DATABASE);
    }

    /** Called last in a test: the cluster's folder is deleted on close only then. */
    public void passed() {
        passed = true;
    }

    @Override
    public void close() {
        platform.down();
        if (passed) {
            Host.delete(layout.home());
        } else {
            System.out.println("THROWAWAY: kept " + layout.home() + " (logs, failover.log) for inspection");
        }
    }
}
