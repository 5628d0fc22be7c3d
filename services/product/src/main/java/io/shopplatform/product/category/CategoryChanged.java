package io.shopplatform.product.category;

/** The event of a category change, on topic {@code catalog.category} keyed by the category id. */
public record CategoryChanged(long id) {

    public static final String TOPIC = "catalog.category", AGGREGATE = "category", CREATED = "created";
}
