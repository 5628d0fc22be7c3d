package io.shopplatform.datatier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopplatform.schema.ServiceSchemas;
import io.shopplatform.testing.DataTier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * db-migrate's step on a database of its own on the shared tier: the migrations apply, every role gets its password,
 * and the statement the partition CronJob runs then works (the old cluster called a function nothing had created).
 */
class MigrateIntegrationTests {

    private static final DataTier tier = DataTier.shared();

    @Test
    void aFreshDatabaseIsMigratedAndPartitionMaintenanceRuns() throws Exception {
        String database = "migrate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = tier.connect(tier.superuser()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        String url = tier.jdbcUrl().replace("/" + tier.database() + "?", "/" + database + "?");
        try {
            Map<String, String> env = new HashMap<>();
            env.put("SHOP_DB_URL", url);
            env.put("SHOP_DB_USER", tier.superuser().user());
            env.put("SHOP_DB_PASSWORD", tier.superuser().password());
            // Roles are cluster-wide: the shared tier's own passwords, so other tests' logins keep working.
            ServiceSchemas.ALL.forEach(svc -> env.put(Migrate.rolePasswordVariable(svc.service()),
                    tier.role(svc.service()).password()));

            assertThat(Migrate.run(env)).as("migrations applied").isPositive();

            // As the CronJob runs it: the owner, through PgPool.
            try (Connection c = DriverManager.getConnection(url, tier.superuser().user(), tier.superuser().password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery(Maintenance.CREATE_PARTITIONS)) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(Migrate.run(env)).as("a second run finds nothing to do").isZero();
        } finally {
            try (Connection c = tier.connect(tier.superuser()); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void aMissingPasswordIsNamed() {
        Map<String, String> env = Map.of("SHOP_DB_URL", "jdbc:postgresql://127.0.0.1:1/shop", "SHOP_DB_USER", "u",
                "SHOP_DB_PASSWORD", "p");
        assertThatThrownBy(() -> Migrate.run(env)).hasMessageContaining(Migrate.rolePasswordVariable("user"));
    }
}
