package io.shopplatform.service.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.shopplatform.service.outbox.KafkaClients;

/**
 * The inventory service's {@code changed} event on topic {@code inventory.stock}, keyed by SKU (so one SKU's levels
 * arrive in order): the stock a shopper may still buy, after every change that moved it. The product service shows
 * it on the product; the event's {@code event-version} (per SKU, in commit order) decides which level is newest.
 * Producer and consumers both use this record: one contract.
 *
 * @param available on hand minus reserved, never negative
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockChanged(String sku, int available) {

    /** The producer's schema (its outbox), the outbox's aggregate type, and the event type. */
    public static final String SCHEMA = "inventory", AGGREGATE = "stock", TYPE = "changed";
    public static final String TOPIC = KafkaClients.topic(SCHEMA, AGGREGATE);
}
