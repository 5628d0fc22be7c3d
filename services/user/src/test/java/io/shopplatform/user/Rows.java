package io.shopplatform.user;

import io.shopplatform.testing.DataTier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the tests' database as its owner, on the primary-bound PgPool, to check what a request left behind. */
public final class Rows {

    private Rows() {}

    public static long count(String sql, Object... args) {
        return (Long) one("SELECT count(*) FROM (" + sql + ") AS rows", args);
    }

    public static Object one(String sql, Object... args) {
        DataTier tier = DataTier.shared();
        try (Connection c = tier.connect(tier.superuser())) {
            c.setAutoCommit(false);   // in a transaction with a write-free read: PgPool may still balance it, so
            c.createStatement().execute("SELECT pg_advisory_xact_lock(0)");   // a volatile call pins it to the primary
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    Object value = rs.getObject(1);
                    c.rollback();
                    return value;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void update(String sql, Object... args) {
        DataTier tier = DataTier.shared();
        try (Connection c = tier.connect(tier.superuser()); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
