package io.shopplatform.service.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The order service's {@code status} event on topic {@code orders.order}, keyed by order id: the order moved to
 * {@code status} ({@code CONFIRMED}, {@code CANCELLED} with a {@code reason}); the event's {@code event-version}
 * orders one order's changes. For the confirmation mail and anyone tracking orders.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderStatusChanged(long orderId, String userId, String status, String reason) {

    public static final String TYPE = "status";
}
