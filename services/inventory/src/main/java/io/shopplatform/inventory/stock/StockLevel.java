package io.shopplatform.inventory.stock;

import java.time.Instant;

/**
 * A SKU's stock as clients see it.
 *
 * @param available    what may still be reserved: on hand minus reserved
 * @param eventVersion the version of the last {@code inventory.stock} event about this SKU (0 before the first):
 *                     a stream client drops events not newer than it
 */
public record StockLevel(String sku, int onHand, int reserved, int available, int lowStockThreshold, long version,
                         long eventVersion, Instant updatedAt) {
}
