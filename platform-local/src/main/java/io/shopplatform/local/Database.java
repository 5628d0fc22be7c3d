package io.shopplatform.local;

import io.shopplatform.schema.Migrations;
import java.sql.Connection;
import java.sql.SQLException;

/** The shop's schema (db-schema's migrations) and the service roles' passwords, which migrations never hold. */
final class Database {

    private Database() {}

    static void prepare(Postgres postgres, PgPool pgpool, Layout layout) {
        String primary = postgres.decidePrimary();
        Migrations.migrate(Sql.url(layout.postgresPort(primary), Postgres.DATABASE), Postgres.SUPERUSER,
                postgres.superuserPassword());
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
