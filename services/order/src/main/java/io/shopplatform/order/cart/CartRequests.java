package io.shopplatform.order.cart;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** What a shopper sends to change a cart. Quantities are bounded again by {@code shop.order.cart.most-per-line}. */
final class CartRequests {

    /** The largest quantity any request may name; the configured limit per line is at most this. */
    static final int MOST_UNITS = 10_000;

    private CartRequests() {}

    /** Put {@code quantity} more units of product {@code productId} in the cart. */
    record AddItem(@NotNull @Positive Long productId, @NotNull @Min(1) @Max(MOST_UNITS) Integer quantity) {}

    /** Make a line {@code quantity} units. */
    record SetQuantity(@NotNull @Min(1) @Max(MOST_UNITS) Integer quantity) {}
}
