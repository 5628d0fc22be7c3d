package io.shopplatform.product.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product as clients and caches see it. Stock is not here yet: it belongs to the inventory service, which will
 * publish stock levels as events for this service to summarize.
 */
public record ProductView(long id, String sku, String name, String description, Long categoryId, BigDecimal price,
                          String currency, String status, long version, Instant updatedAt) {
}
