package io.shopplatform.product.recommendation;

import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The purchase counters behind popularity and "also bought", kept apart from products so they never bump a
 * product's version.
 */
@Component
public class Popularity {

    /** A product deleted since the purchase is skipped rather than failing the batch on the foreign key. */
    private static final String ADD = "INSERT INTO catalog.product_popularity (product_id, purchases)"
            + " SELECT id, ? FROM catalog.products WHERE id = ?"
            + " ON CONFLICT (product_id) DO UPDATE SET purchases = catalog.product_popularity.purchases + EXCLUDED.purchases,"
            + " updated_at = now()";

    /**
     * One more order for every ordered pair of the products, both ways round; deleted products are skipped. Rows in
     * key order, so concurrent orders with products in common lock them in the same order and never deadlock.
     */
    private static final String ADD_TOGETHER = "INSERT INTO catalog.co_purchases (product_id, other_id, orders)"
            + " SELECT a.id, b.id, 1 FROM catalog.products a JOIN catalog.products b ON a.id <> b.id"
            + " WHERE a.id = ANY(?) AND b.id = ANY(?) ORDER BY a.id, b.id"
            + " ON CONFLICT (product_id, other_id) DO UPDATE SET orders = catalog.co_purchases.orders + 1,"
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

    /** One order holding these distinct products, for "bought together": in the caller's transaction (or its own). */
    @Transactional
    public void addBoughtTogether(Set<Long> products) {
        if (products.size() > 1) {
            Long[] ids = products.toArray(Long[]::new);
            jdbc.update(ADD_TOGETHER, ids, ids);
        }
    }
}
