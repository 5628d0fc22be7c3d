package io.shopplatform.schema;

import org.flywaydb.core.Flyway;

/**
 * Applies the shop database's migrations: every service's schema, the service roles and their grants.
 *
 * <p>Run it as the database owner ({@code shop_admin}), against the primary or through PgPool; it is safe to run on
 * every start, as it applies only what is missing. The roles it creates have no passwords: whoever deploys sets
 * them afterwards with {@code ALTER ROLE ... PASSWORD}.
 */
public final class Migrations {

    /**
     * Not Flyway's default {@code db/migration}: a service with this module on its classpath must never pick these
     * up and run them under its own role.
     */
    static final String LOCATION = "classpath:io/shopplatform/schema/migrations";

    private Migrations() {}

    /** Applies the pending migrations and returns how many ran (0 when the database is up to date). */
    public static int migrate(String jdbcUrl, String user, String password) {
        return Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                // Plain SQL: a "${" in a function body must stay as written.
                .placeholderReplacement(false)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
