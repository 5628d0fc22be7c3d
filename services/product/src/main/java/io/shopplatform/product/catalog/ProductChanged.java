package io.shopplatform.product.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The event of every product change, on topic {@code catalog.product} keyed by the product id: caches evict the
 * product, the search index takes the fields it indexes from the event itself. {@code type} is created, updated or deleted; deleted carries no fields.
 */
public record ProductChanged(long id, long version, String name, String description, BigDecimal price,
                             Long categoryId) {

    public static final String TOPIC = "catalog.product", AGGREGATE = "product";
    public static final String CREATED = "created", UPDATED = "updated", DELETED = "deleted";

    public static ProductChanged read(ObjectMapper json, byte[] payload) {
        try {
            return json.readValue(payload, ProductChanged.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable product event", e);
        }
    }
}
