package io.shopplatform.order.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as its owner sees it.
 *
 * @param status       {@code PENDING} while the checkout runs, then {@code CONFIRMED} or {@code CANCELLED}
 * @param cancelReason why it was cancelled (out of stock, payment declined, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(long id, String status, String cancelReason, String currency, BigDecimal subtotal,
                        BigDecimal total, List<Item> items, Instant createdAt, Instant updatedAt) {

    /** A line as sold: name and price as they were at checkout. */
    public record Item(int lineNo, long productId, String sku, String name, BigDecimal unitPrice, int quantity) {}
}
