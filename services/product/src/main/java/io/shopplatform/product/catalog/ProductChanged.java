package io.shopplatform.product.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.service.outbox.Event;
import java.math.BigDecimal;

/**
 * The event of every product change, on topic {@code catalog.product} keyed by the product id: caches evict the
 * product, the search index takes the fields it indexes from the event itself. {@code type} is created, updated or deleted; deleted carries no fields.
 */
public record ProductChanged(long id, long version, String name, String description, BigDecimal price,
                             Long categoryId) {

    public static final String TOPIC = "catalog.product", AGGREGATE = "product";
    public static final String CREATED = "created", UPDATED = "updated", DELETED = "deleted";

    public static ProductChanged read(ObjectMapper json, Event event) {
        return event.payload(json, ProductChanged.class);
    }
}
