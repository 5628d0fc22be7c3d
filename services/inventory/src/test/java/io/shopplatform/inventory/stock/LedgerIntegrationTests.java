package io.shopplatform.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopplatform.inventory.Api;
import io.shopplatform.inventory.InventoryIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@InventoryIntegrationTest
class LedgerIntegrationTests {

    /** On hand and reserved of one SKU. */
    record Level(long onHand, long reserved) {}

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void everySkusLevelRebuiltFromTheLedgerEqualsTheTable() {
        Api api = new Api(port);
        String sku = api.stocked(20);
        api.post("/api/v1/inventory/stock/" + sku + "/adjustments", "{\"delta\": -3, \"reason\": \"broken\"}", Api.ADMIN);
        long bought = Api.newOrderId(), dropped = Api.newOrderId();
        api.reserve(bought, sku, 4);
        api.reserve(dropped, sku, 5);
        api.post("/api/v1/inventory/reservations/" + bought + "/confirm", "", Api.ORDER_SERVICE);
        api.post("/api/v1/inventory/reservations/" + dropped + "/release", "", Api.ORDER_SERVICE);

        // One snapshot for both sides, on the primary: the table and the ledger as of one moment.
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        Map<String, Map<String, Level>> sides = snapshot.execute(status -> {
            Map<String, Level> table = new HashMap<>();
            jdbc.query("/*NO LOAD BALANCE*/ SELECT sku, quantity_on_hand, quantity_reserved FROM inventory.stock",
                    rs -> { table.put(rs.getString(1), new Level(rs.getLong(2), rs.getLong(3))); });
            Map<String, Level> rebuilt = new HashMap<>();
            table.keySet().forEach(s -> rebuilt.put(s, new Level(0, 0)));
            jdbc.query("SELECT sku, on_hand_delta, reserved_delta FROM inventory.stock_events ORDER BY id", rs -> {
                rebuilt.merge(rs.getString(1), new Level(rs.getInt(2), rs.getInt(3)),
                        (a, b) -> new Level(a.onHand() + b.onHand(), a.reserved() + b.reserved()));
            });
            return Map.of("table", table, "rebuilt", rebuilt);
        });

        assertThat(sides.get("table")).as("skus in the table").isNotEmpty();
        assertThat(sides.get("rebuilt")).as("every SKU rebuilt from its events").isEqualTo(sides.get("table"));
        assertThat(sides.get("table").get(sku)).isEqualTo(new Level(13, 0));
        assertThat(api.get("/api/v1/inventory/ledger/discrepancies", Api.ADMIN).<java.util.List<?>>json("$"))
                .as("the service's own audit agrees").isEmpty();
    }

    @Test
    void theLedgerRefusesChangesToItsRows() {
        String sku = new Api(port).stocked(1);
        assertThatThrownBy(() -> jdbc.update("UPDATE inventory.stock_events SET on_hand_delta = 100 WHERE sku = ?", sku))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update("DELETE FROM inventory.stock_events WHERE sku = ?", sku))
                .isInstanceOf(DataAccessException.class);
    }
}
