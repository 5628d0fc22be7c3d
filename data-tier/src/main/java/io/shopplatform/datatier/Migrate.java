package io.shopplatform.datatier;

import io.shopplatform.schema.Migrations;
import io.shopplatform.schema.ServiceSchemas;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The migration step: db-schema's Flyway migrations, then every service role's password, before any service starts.
 * The cluster runs it as an Argo CD PreSync Job ({@code db-migrate}); the local runner calls {@link #run} with the
 * same variables. Roles get the password each service itself is configured with (its own Secret), so the two can
 * never disagree; migrations never hold passwords.
 *
 * <p>Environment: {@code SHOP_DB_URL}, {@code SHOP_DB_USER}, {@code SHOP_DB_PASSWORD} (the owner), and
 * {@code SHOP_<SERVICE>_DB_PASSWORD} for each service that has a schema.
 */
public final class Migrate {

    private Migrate() {}

    public static void main(String[] args) throws SQLException {
        Map<String, String> env = System.getenv();
        int applied = run(env);
        System.out.println("db-migrate: " + applied + " migration(s) applied; passwords set for "
                + ServiceSchemas.ALL.size() + " service roles");
    }

    /** The variable holding a service role's password: {@code SHOP_PRODUCT_DB_PASSWORD}. */
    public static String rolePasswordVariable(String service) {
        return "SHOP_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_DB_PASSWORD";
    }

    /** Migrates and sets the roles' passwords; returns how many migrations ran. Fails naming a missing variable. */
    public static int run(Map<String, String> env) throws SQLException {
        String url = required(env, "SHOP_DB_URL");
        String user = required(env, "SHOP_DB_USER");
        String password = required(env, "SHOP_DB_PASSWORD");
        Map<String, String> roles = new LinkedHashMap<>();
        for (ServiceSchemas.ServiceSchema s : ServiceSchemas.ALL) {
            roles.put(s.role(), required(env, rolePasswordVariable(s.service())));
        }
        int applied = Migrations.migrate(url, user, password);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            for (var role : roles.entrySet()) {
                st.execute("ALTER ROLE " + role.getKey() + " PASSWORD '" + role.getValue().replace("'", "''") + "'");
            }
        }
        return applied;
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set: db-migrate needs the owner's URL and login and "
                    + "every service role's password");
        }
        return v;
    }
}
