package io.shopplatform.product.recommendation;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The purchase counters behind popularity, kept apart from products so they never bump a product's version. */
@Component
public class Popularity {

    /** A product deleted since the purchase is skipped rather than failing the batch on the foreign key. */
    private static final String ADD = "INSERT INTO catalog.product_popularity (product_id, purchases)"
            + " SELECT id, ? FROM catalog.products WHERE id = ?"
            + " ON CONFLICT (product_id) DO UPDATE SET purchases = catalog.product_popularity.purchases + EXCLUDED.purchases,"
            + " updated_at = now()";

    private final JdbcTemplate jdbc;

    Popularity(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds purchases per product id, in the caller's transaction (or its own). */
    @Transactional
    public void addPurchases(Map<Long, Long> purchases) {
        jdbc.batchUpdate(ADD, purchases.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey()}).toList());
    }
}
