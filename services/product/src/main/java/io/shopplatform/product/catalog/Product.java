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
               String currency, String status, @Version Long version, Instant updatedAt) {

    static Product create(ProductRequest r) {
        return new Product(null, r.sku(), r.name(), r.descriptionOrEmpty(), r.categoryId(), r.price(),
                r.currencyOrDefault(), r.statusOrDefault(), null, Instant.now());
    }

    Product edit(ProductRequest r) {
        return new Product(id, r.sku(), r.name(), r.descriptionOrEmpty(), r.categoryId(), r.price(),
                r.currencyOrDefault(), r.statusOrDefault(), version, Instant.now());
    }

    ProductView view() {
        return new ProductView(id, sku, name, description, categoryId, price, currency, status, version, updatedAt);
    }
}
