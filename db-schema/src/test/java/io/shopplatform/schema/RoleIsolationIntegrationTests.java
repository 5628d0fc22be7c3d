package io.shopplatform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Shop;
import io.shopplatform.schema.ServiceSchemas.ServiceSchema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class RoleIsolationIntegrationTests {

    private static final String PERMISSION_DENIED = "42501";

    @Test
    void productRoleIsDeniedEveryTableOfEveryOtherSchema() throws SQLException {
        List<String> foreignTables = new ArrayList<>();
        try (Session owner = Session.asOwner()) {
            for (ServiceSchema s : ServiceSchemas.ALL) {
                if (!s.service().equals(Shop.PRODUCT)) {
                    owner.column("SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname = ?",
                            s.schema()).forEach(foreignTables::add);
                }
            }
        }
        assertThat(foreignTables).contains("orders.orders", "users.accounts", "payments.payments",
                "inventory.stock_events");

        SoftAssertions softly = new SoftAssertions();
        try (Session product = Session.as(Shop.PRODUCT)) {
            for (String table : foreignTables) {
                SQLException denied = product.refused("SELECT 1 FROM " + table + " LIMIT 1");
                softly.assertThat(denied.getSQLState()).as(table).isEqualTo(PERMISSION_DENIED);
                softly.assertThat(denied.getMessage()).as(table).contains("permission denied");
            }
        }
        softly.assertAll();
    }

    @Test
    void productRoleWorksInItsOwnSchemaByUnqualifiedName() throws SQLException {
        try (Session product = Session.as(Shop.PRODUCT)) {
            product.update("INSERT INTO products (sku, name, price) VALUES ('ISOLATION-TEST', 'Test', 9.99)");

            assertThat(product.one("SELECT price FROM products WHERE sku = 'ISOLATION-TEST'")).isEqualTo("9.99");
        }
    }

    @Test
    void everyRoleReachesItsOwnSchemaAndNoOther() throws SQLException {
        try (Session owner = Session.asOwner()) {
            for (ServiceSchema role : ServiceSchemas.ALL) {
                List<String> reachable = owner.column("SELECT nspname FROM pg_namespace "
                        + "WHERE has_schema_privilege(?, oid, 'USAGE') AND nspname NOT LIKE 'pg\\_%' "
                        + "AND nspname <> 'information_schema'", role.role());
                assertThat(reachable).as(role.role()).containsExactly(role.schema());
            }
        }
    }

    @Test
    void serviceRolesCanNeitherChangeTheirSchemaNorHoldPowers() throws SQLException {
        for (ServiceSchema s : ServiceSchemas.ALL) {
            try (Session service = Session.as(s.service())) {
                assertThat(service.refused("CREATE TABLE scratch (id int)").getSQLState())
                        .as(s.role()).isEqualTo(PERMISSION_DENIED);
                assertThat(service.one("SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolbypassrls "
                        + "FROM pg_roles WHERE rolname = current_user")).as(s.role()).isEqualTo("f");
            }
        }
    }
}
