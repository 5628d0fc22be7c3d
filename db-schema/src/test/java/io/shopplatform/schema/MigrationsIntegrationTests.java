package io.shopplatform.schema;

import static io.shopplatform.schema.Session.TIER;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.schema.ServiceSchemas.ServiceSchema;
import io.shopplatform.testing.DataTier.Credentials;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MigrationsIntegrationTests {

    private static final Credentials OWNER = TIER.superuser();

    @Test
    void applyCleanlyToAnEmptyDatabaseAndThenFindNothingLeftToApply() throws SQLException {
        // A database of its own, so "cleanly" means from nothing, whatever the shared one has seen. Straight to
        // the primary: PgPool would keep pooled connections to it that the DROP would have to kill.
        String primary = primaryNode();
        String database = "db_schema_test_" + UUID.randomUUID().toString().replace("-", "");
        String url = TIER.jdbcUrl(primary).replace("/" + TIER.database() + "?", "/" + database + "?");
        assertThat(url).contains(database);
        execute(primary, "CREATE DATABASE " + database);
        try {
            int applied = Migrations.migrate(url, OWNER.user(), OWNER.password());

            assertThat(applied).isPositive();
            assertThat(Migrations.migrate(url, OWNER.user(), OWNER.password())).isZero();
            try (Connection c = DriverManager.getConnection(url, OWNER.user(), OWNER.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE success), count(*) "
                         + "FROM public.flyway_schema_history WHERE version IS NOT NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(applied).isEqualTo(rs.getInt(2));
            }
        } finally {
            execute(primary, "DROP DATABASE " + database);
        }
    }

    @Test
    void giveEveryServiceSchemaAnOutboxAndAProcessedEventsTable() throws SQLException {
        try (Session owner = Session.asOwner()) {
            for (ServiceSchema s : ServiceSchemas.ALL) {
                assertThat(owner.column("SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                        s.schema())).as(s.schema()).contains("outbox", "processed_events");
            }
        }
    }

    private static String primaryNode() throws SQLException {
        for (String node : TIER.postgresNodes()) {
            try (Connection c = TIER.connectNode(node, OWNER); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT NOT pg_is_in_recovery()")) {
                if (rs.next() && rs.getBoolean(1)) {
                    return node;
                }
            } catch (SQLException down) {
                // a replica stopped by a failover drill; the primary is among the others
            }
        }
        throw new AssertionError("no primary among " + TIER.postgresNodes());
    }

    private static void execute(String node, String sql) throws SQLException {
        try (Connection c = TIER.connectNode(node, OWNER); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
