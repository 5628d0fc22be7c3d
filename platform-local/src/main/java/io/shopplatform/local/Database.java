package io.shopplatform.local;

import io.shopplatform.schema.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The shop's schema (db-schema's migrations) and the service roles' passwords, which migrations never hold; and a
 * second database for tests, with the same schemas, roles and grants, so that a test run never writes into the
 * shop a developer runs.
 */
final class Database {

    /** The tests' database, beside {@link Postgres#DATABASE} on the same tier (tier.properties names it). */
    static final String TESTS = "shop_test";

    private Database() {}

    static void prepare(Postgres postgres, PgPool pgpool, Layout layout) {
        String primary = postgres.decidePrimary();
        try (Connection c = postgres.connect(primary, "postgres")) {
            if (Sql.query(c, "SELECT 1 FROM pg_database WHERE datname = " + Sql.literal(TESTS)).isEmpty()) {
                Sql.execute(c, "CREATE DATABASE " + TESTS + " OWNER " + Postgres.SUPERUSER);
            }
        } catch (SQLException e) {
            throw new PlatformException("could not create the tests' database: " + e.getMessage(), e);
        }
        for (String database : List.of(Postgres.DATABASE, TESTS)) {
            Migrations.migrate(Sql.url(layout.postgresPort(primary), database), Postgres.SUPERUSER,
                    postgres.superuserPassword());
        }
        // Roles are cluster-wide: one password each serves both databases.
        try (Connection c = postgres.connect(primary, Postgres.DATABASE)) {
            for (var login : pgpool.logins().entrySet()) {
                if (!Sql.query(c, "SELECT 1 FROM pg_roles WHERE rolname = " + Sql.literal(login.getKey())).isEmpty()) {
                    Sql.execute(c, "ALTER ROLE " + login.getKey() + " PASSWORD " + Sql.literal(login.getValue()));
                }
            }
        } catch (SQLException e) {
            throw new PlatformException("could not set the service roles' passwords: " + e.getMessage(), e);
        }
    }
}
