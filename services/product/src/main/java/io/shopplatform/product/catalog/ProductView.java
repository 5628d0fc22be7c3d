package io.shopplatform.product.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product as clients and caches see it. {@code stock} is null until the inventory service has reported the SKU,
 * and then shown as null rather than left out like other nulls: "unknown" is part of the contract.
 */
public record ProductView(long id, String sku, String name, String description, Long categoryId, BigDecimal price,
                          String currency, String status, long version, Instant updatedAt,
                          @JsonInclude(JsonInclude.Include.ALWAYS) Stock stock) {

    /** The inventory service's last reported level, as this service summarizes it (see {@link StockEvents}). */
    public record Stock(int available, boolean inStock, Instant updatedAt) {}
}
