package io.shopplatform.product.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code catalog.products}. The search vector and the JSON attributes are the database's own (generated,
 * defaulted), so they are not mapped; {@code version} guards concurrent edits and tells caches which is newer.
 */
@Table(schema = "catalog", name = "products")
record Product(@Id Long id, String sku, String name, String description, Long categoryId, BigDecimal price,
               String currency, String status, @Version Long version, Instant updatedAt, Integer stockAvailable,
               Instant stockUpdatedAt, Long stockVersion) {

    static Product create(ProductRequest r) {
        return new Product(null, r.sku(), r.name(), r.descriptionOrEmpty(), r.categoryId(), r.price(),
                r.currencyOrDefault(), r.statusOrDefault(), null, Instant.now(), null, null, null);
    }

    /** An admin's edit: the stock summary is the inventory service's, kept as it is. */
    Product edit(ProductRequest r) {
        return new Product(id, r.sku(), r.name(), r.descriptionOrEmpty(), r.categoryId(), r.price(),
                r.currencyOrDefault(), r.statusOrDefault(), version, Instant.now(), stockAvailable, stockUpdatedAt,
                stockVersion);
    }

    /** A new stock level: not an edit of the product, so {@code updatedAt} stays. */
    Product withStock(int available, long eventVersion) {
        return new Product(id, sku, name, description, categoryId, price, currency, status, version, updatedAt,
                available, Instant.now(), eventVersion);
    }

    /** Whether a stock event of {@code eventVersion} is newer than the level shown (0: a producer without versions). */
    boolean isOlderStock(long eventVersion) {
        return eventVersion > 0 && stockVersion != null && eventVersion <= stockVersion;
    }

    ProductView view() {
        ProductView.Stock stock = stockAvailable == null ? null
                : new ProductView.Stock(stockAvailable, stockAvailable > 0, stockUpdatedAt);
        return new ProductView(id, sku, name, description, categoryId, price, currency, status, version, updatedAt,
                stock);
    }
}
