package io.shopplatform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Shop;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InventoryIntegrationTests {

    private static final String CHECK_VIOLATION = "23514";
    private static final String PERMISSION_DENIED = "42501";

    private final String sku = "TEST-" + UUID.randomUUID();

    @Test
    void reservingMoreThanIsOnHandIsRefused() throws SQLException {
        try (Session inventory = Session.as(Shop.INVENTORY)) {
            inventory.update("INSERT INTO stock (sku, quantity_on_hand, quantity_reserved) VALUES (?, 5, 4)", sku);

            assertThat(inventory.refused("UPDATE stock SET quantity_reserved = quantity_reserved + 2, "
                    + "version = version + 1 WHERE sku = ?", sku).getSQLState()).isEqualTo(CHECK_VIOLATION);
            assertThat(inventory.refused("UPDATE stock SET quantity_on_hand = 3 WHERE sku = ?", sku).getSQLState())
                    .isEqualTo(CHECK_VIOLATION);
            assertThat(inventory.update("UPDATE stock SET quantity_reserved = 5 WHERE sku = ?", sku)).isOne();
        }
    }

    @Test
    void stockCannotGoNegative() throws SQLException {
        try (Session inventory = Session.as(Shop.INVENTORY)) {
            assertThat(inventory.refused("INSERT INTO stock (sku, quantity_on_hand) VALUES (?, -1)", sku)
                    .getSQLState()).isEqualTo(CHECK_VIOLATION);
        }
    }

    @Test
    void serviceMayAppendToTheStockLedgerButNotRewriteIt() throws SQLException {
        try (Session inventory = Session.as(Shop.INVENTORY)) {
            inventory.update("INSERT INTO stock (sku, quantity_on_hand) VALUES (?, 5)", sku);
            inventory.update("INSERT INTO stock_events (sku, event_type, on_hand_delta) "
                    + "VALUES (?, 'RECEIVED', 5)", sku);
            assertThat(inventory.one("SELECT on_hand_delta FROM stock_events WHERE sku = ?", sku)).isEqualTo("5");

            assertThat(inventory.refused("UPDATE stock_events SET on_hand_delta = 50 WHERE sku = ?", sku)
                    .getSQLState()).isEqualTo(PERMISSION_DENIED);
            assertThat(inventory.refused("DELETE FROM stock_events WHERE sku = ?", sku).getSQLState())
                    .isEqualTo(PERMISSION_DENIED);
        }
    }

    @Test
    void evenTheOwnerCannotRewriteTheStockLedger() throws SQLException {
        try (Session owner = Session.asOwner()) {
            owner.update("INSERT INTO inventory.stock (sku, quantity_on_hand) VALUES (?, 5)", sku);
            owner.update("INSERT INTO inventory.stock_events (sku, event_type, on_hand_delta) "
                    + "VALUES (?, 'RECEIVED', 5)", sku);

            assertThat(owner.refused("UPDATE inventory.stock_events SET on_hand_delta = 50 WHERE sku = ?", sku)
                    .getMessage()).contains("append-only");
            assertThat(owner.refused("DELETE FROM inventory.stock_events WHERE sku = ?", sku).getMessage())
                    .contains("append-only");
        }
    }
}
