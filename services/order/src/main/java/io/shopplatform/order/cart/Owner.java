package io.shopplatform.order.cart;

import java.util.UUID;

/**
 * Who asks for a cart: a signed-in shopper ({@code userId}, from the token), an anonymous one (the cart id they
 * were given, {@code Shop-Cart-Id}), or a shopper who just signed in and still sends their anonymous cart's id
 * (both: that cart is merged into theirs).
 */
public record Owner(UUID userId, UUID cartId) {

    public boolean signedIn() {
        return userId != null;
    }
}
