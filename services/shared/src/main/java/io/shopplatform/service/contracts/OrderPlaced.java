package io.shopplatform.service.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.shopplatform.service.outbox.KafkaClients;
import java.math.BigDecimal;
import java.util.List;

/**
 * The order service's {@code placed} event on topic {@code orders.order}, keyed by order id: an order was paid and
 * confirmed (its stock consumed, its payment captured). The product service counts its lines into popularity and
 * "also bought". Producer and consumers both use this record: one contract.
 *
 * @param items the lines as sold (quantities per product)
 * @param total what the shopper paid, in {@code currency}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderPlaced(long orderId, String userId, List<Line> items, BigDecimal total, String currency) {

    /** The producer's schema (its outbox), the outbox's aggregate type, and the event type. */
    public static final String SCHEMA = "orders", AGGREGATE = "order", TYPE = "placed";
    public static final String TOPIC = KafkaClients.topic(SCHEMA, AGGREGATE);

    /** One line of the order: {@code quantity} units of product {@code productId} (SKU {@code sku}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Line(long productId, String sku, long quantity, BigDecimal unitPrice) {}
}
