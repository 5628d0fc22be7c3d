package io.shopplatform.service.testing;

import io.shopplatform.testing.DataTier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes every standby of the shared tier lag on purpose: replay is paused (WAL still streams and is flushed, so
 * synchronous commits still return), so any read PgPool balances to a standby misses every write since, until
 * {@link #close}. A test of read-your-writes then fails every time the fence is missing, not once in a while.
 */
public final class LaggingStandbys implements AutoCloseable {

    private final List<Connection> standbys = new ArrayList<>();

    private LaggingStandbys() {}

    /** Pauses replay on every standby; use in try-with-resources. */
    public static LaggingStandbys pause() throws SQLException {
        DataTier tier = DataTier.shared();
        LaggingStandbys lagging = new LaggingStandbys();
        try {
            for (String node : tier.postgresNodes()) {
                Connection c = tier.connectNode(node, tier.superuser());
                if (standby(c)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_wal_replay_pause()");
                    }
                    lagging.standbys.add(c);
                } else {
                    c.close();
                }
            }
        } catch (SQLException e) {
            lagging.close();
            throw e;
        }
        if (lagging.standbys.isEmpty()) {
            throw new IllegalStateException("the shared tier has no standby to pause");
        }
        return lagging;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (Connection c : standbys) {
            try (c; Statement s = c.createStatement()) {
                s.execute("SELECT pg_wal_replay_resume()");
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        standbys.clear();
        if (first != null) {
            throw first;
        }
    }

    private static boolean standby(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
