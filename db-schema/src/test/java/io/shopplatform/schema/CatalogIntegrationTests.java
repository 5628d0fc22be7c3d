package io.shopplatform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Shop;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CatalogIntegrationTests {

    /** Slugs unique to this run, so concurrent tests on the shared tier never meet. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void categoryMovedUnderAnotherTakesItsSubtreeAlong() throws SQLException {
        try (Session product = Session.as(Shop.PRODUCT)) {
            String kitchen = category(product, null, "kitchen-" + run);
            String garden = category(product, null, "garden-" + run);
            String tools = category(product, kitchen, "tools");
            String knives = category(product, tools, "knives");
            assertThat(pathOf(product, knives)).isEqualTo("kitchen-" + run + "/tools/knives");

            product.update("UPDATE categories SET parent_id = ?::bigint WHERE id = ?::bigint", garden, tools);

            assertThat(pathOf(product, tools)).isEqualTo("garden-" + run + "/tools");
            assertThat(pathOf(product, knives)).isEqualTo("garden-" + run + "/tools/knives");
        }
    }

    @Test
    void categoryCannotMoveUnderItsOwnSubtree() throws SQLException {
        try (Session product = Session.as(Shop.PRODUCT)) {
            String kitchen = category(product, null, "kitchen-" + run);
            String tools = category(product, kitchen, "tools");

            assertThat(product.refused("UPDATE categories SET parent_id = ?::bigint WHERE id = ?::bigint",
                    tools, kitchen).getSQLState()).isEqualTo("23514");
        }
    }

    @Test
    void fullTextFallbackFindsAProductByAWordOfItsDescription() throws SQLException {
        try (Session product = Session.as(Shop.PRODUCT)) {
            product.update("INSERT INTO products (sku, name, description, price) VALUES (?, 'Kettle', "
                    + "'Boils water quickly; stainless steel, " + run + "', 30.00)", "KETTLE-" + run.toUpperCase());

            assertThat(product.column("SELECT sku FROM products WHERE search @@ websearch_to_tsquery('english', ?)",
                    "boiling " + run)).containsExactly("KETTLE-" + run.toUpperCase());
        }
    }

    @Test
    void negativePriceIsRefused() throws SQLException {
        try (Session product = Session.as(Shop.PRODUCT)) {
            assertThat(product.refused("INSERT INTO products (sku, name, price) VALUES (?, 'Gift', -0.01)",
                    "GIFT-" + run.toUpperCase()).getSQLState()).isEqualTo("23514");
        }
    }

    @Test
    void deletingAProductRemovesItsCoPurchasesInBothDirections() throws SQLException {
        try (Session product = Session.as(Shop.PRODUCT)) {
            String kettle = product(product, "KETTLE-" + run.toUpperCase());
            String mug = product(product, "MUG-" + run.toUpperCase());
            product.update("INSERT INTO co_purchases (product_id, other_id, orders) VALUES (?::bigint, ?::bigint, 1), "
                    + "(?::bigint, ?::bigint, 1)", kettle, mug, mug, kettle);

            product.update("DELETE FROM products WHERE id = ?::bigint", mug);

            assertThat(product.column("SELECT product_id FROM co_purchases WHERE ?::bigint IN (product_id, other_id)",
                    kettle)).isEmpty();
        }
    }

    @Test
    void stockSummaryIsUnknownUntilSetAndNeverNegative() throws SQLException {
        try (Session product = Session.as(Shop.PRODUCT)) {
            String kettle = product(product, "KETTLE-" + run.toUpperCase());
            assertThat(product.column("SELECT stock_available FROM products WHERE id = ?::bigint", kettle))
                    .containsExactly((String) null);

            assertThat(product.refused("UPDATE products SET stock_available = -1 WHERE id = ?::bigint", kettle)
                    .getSQLState()).isEqualTo("23514");
        }
    }

    private static String product(Session product, String sku) throws SQLException {
        return product.one("INSERT INTO products (sku, name, price) VALUES (?, 'Item', 1.00) RETURNING id", sku);
    }

    private static String category(Session product, String parentId, String slug) throws SQLException {
        return product.one("INSERT INTO categories (parent_id, slug, path, name) VALUES (?::bigint, ?, '', ?) "
                + "RETURNING id", parentId, slug, slug);
    }

    private static String pathOf(Session product, String id) throws SQLException {
        return product.one("SELECT path FROM categories WHERE id = ?::bigint", id);
    }
}
