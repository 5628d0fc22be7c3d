package io.shopplatform.schema;

import static org.assertj.core.api.Assertions.fail;

import io.shopplatform.testing.DataTier;
import io.shopplatform.testing.DataTier.Credentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * One login's transaction on the shared data tier, rolled back on close: the tier serves every module's tests in
 * a run, so these tests leave nothing behind. The shop database is migrated once, before the first session.
 */
final class Session implements AutoCloseable {

    static final DataTier TIER = DataTier.shared();

    static {
        Credentials owner = TIER.superuser();
        Migrations.migrate(TIER.jdbcUrl(), owner.user(), owner.password());
    }

    private final Connection connection;

    private Session(Credentials who) throws SQLException {
        connection = TIER.connect(who);
        connection.setAutoCommit(false);
    }

    /** As the service's own role, which reaches only its schema (its search_path). */
    static Session as(String service) throws SQLException {
        return new Session(TIER.role(service));
    }

    static Session asOwner() throws SQLException {
        return new Session(TIER.superuser());
    }

    int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(sql, params)) {
            return s.executeUpdate();
        }
    }

    /** The first column of the rows {@code sql} returns, as text. */
    List<String> column(String sql, Object... params) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = prepare(sql, params); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The single value {@code sql} returns, as text. */
    String one(String sql, Object... params) throws SQLException {
        List<String> values = column(sql, params);
        if (values.size() != 1) {
            fail("expected one row from %s, got %s", sql, values);
        }
        return values.get(0);
    }

    /** Runs a statement that must fail, and returns why; the transaction goes on as if it had not been tried. */
    SQLException refused(String sql, Object... params) throws SQLException {
        Savepoint before = connection.setSavepoint();
        try (PreparedStatement s = prepare(sql, params)) {
            s.execute();
        } catch (SQLException expected) {
            connection.rollback(before);
            return expected;
        }
        throw new AssertionError("the database accepted: " + sql);
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement s = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
