package io.shopplatform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.ShopScope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataTierTests {

    private static final DataTier TIER = DataTier.shared();

    @Test
    void testsGetADatabaseAndAScopeOfTheirOwnBesideTheShops() throws SQLException {
        assertThat(TIER.database()).isNotEqualTo(TIER.shop().database());
        assertThat(TIER.scope()).isEqualTo(DataTier.TESTS).isNotEqualTo(ShopScope.NONE);
        assertThat(TIER.shop().scope()).isEqualTo(ShopScope.NONE);
        try (Connection c = TIER.connect(TIER.role("product")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), count(*) FROM catalog.products")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(TIER.database());
        }
    }

    @Test
    void aServicesEnvironmentPointsAtTheTestsDatabaseAndKeepsEverythingElse() {
        Map<String, String> shop = TIER.shop().env("product");
        Map<String, String> tests = TIER.env("product");
        // The path names the database; PgPool's several addresses add parameters after it.
        String path = "/" + TIER.shop().database() + "(\\?|$)";
        assertThat(shop.get("SHOP_DB_URL")).containsPattern(path);
        assertThat(tests.get("SHOP_DB_URL")).isEqualTo(shop.get("SHOP_DB_URL")
                .replaceFirst(path, "/" + TIER.database() + "$1"));
        tests.remove("SHOP_DB_URL");
        shop.remove("SHOP_DB_URL");
        assertThat(tests).isEqualTo(shop).containsKeys("SHOP_DB_USER", "SHOP_REDIS_NODES", "SHOP_KAFKA_BOOTSTRAP");
    }

    @Test
    void theCheckNamesEveryTableWhoseRowCountChanged() {
        assertThat(ShopDatabaseCheck.differences(Map.of("catalog.products", 5L, "catalog.categories", 2L),
                Map.of("catalog.products", 6L, "catalog.categories", 2L, "orders.carts", 1L)))
                .isEqualTo(List.of("catalog.products: 5 rows -> 6 rows", "orders.carts: new -> 1 rows"));
    }
}
