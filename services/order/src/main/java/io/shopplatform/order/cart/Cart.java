package io.shopplatform.order.cart;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A cart as its shopper sees it (and as Redis holds it): lines by SKU with the price seen when each was added.
 *
 * @param id      the cart's id; an anonymous shopper sends it back as {@code Shop-Cart-Id}
 * @param userId  the owner, null while anonymous
 * @param version counts the cart's changes
 */
public record Cart(UUID id, UUID userId, String currency, List<Line> lines, BigDecimal subtotal,
                   long version) {

    /** {@code quantity} units of {@code sku} at {@code unitPrice} each. */
    public record Line(String sku, long productId, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {}

    /** A shopper without a cart yet sees this. */
    static Cart none() {
        return new Cart(null, null, "USD", List.of(), BigDecimal.ZERO.setScale(2), 0);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
