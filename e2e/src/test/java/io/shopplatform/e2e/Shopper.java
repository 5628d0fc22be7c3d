package io.shopplatform.e2e;

import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.user.Api;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A shopper's app talking to the shop through the gateway. It keeps what an app keeps: the access token once signed
 * in, and the anonymous cart's id, sent back on every call until the cart is the account's. A header only one call
 * needs (an idempotency key) goes with that call alone.
 */
final class Shopper extends JsonHttp {

    static final String CART = "Shop-Cart-Id";

    /** Registration and login: the user service's own client fixture, through the same gateway. */
    private final Api account;
    private final Map<String, String> nextCallOnly = new LinkedHashMap<>();
    private String token;
    private String cartId;

    Shopper(int gatewayPort) {
        super(gatewayPort);
        account = new Api(gatewayPort);
    }

    /** Registers {@code email} (with {@link Api#GOOD_PASSWORD}) and signs in. */
    Shopper signUp(String email) {
        account.registered(email);
        token = account.loggedIn(email, Api.GOOD_PASSWORD).accessToken();
        return this;
    }

    /** The anonymous cart's id the shop handed out; none once the cart is the account's. */
    String cartId() {
        return cartId;
    }

    Response add(long productId, int quantity) {
        return keepingCart(post("/api/v1/cart/items",
                "{\"productId\": %d, \"quantity\": %d}".formatted(productId, quantity), token));
    }

    /** The cart; the first call after signing in merges the anonymous cart into the account's. */
    Response cart() {
        return keepingCart(get("/api/v1/cart", token));
    }

    /** Checks out cart {@code cart} with card token {@code cardToken}, under an idempotency key of its own. */
    Response checkout(String cart, String cardToken) {
        nextCallOnly.put("Idempotency-Key", UUID.randomUUID().toString());
        return post("/api/v1/orders", """
                {"cartId": "%s", "cardToken": "%s", "shippingAddress": {"name": "Ana Shopper", "line1": "1 Journey Road",
                 "city": "Testville", "postalCode": "12345", "country": "US"}}""".formatted(cart, cardToken), token);
    }

    Response orders() {
        return get("/api/v1/orders", token);
    }

    Response order(long id) {
        return get("/api/v1/orders/" + id, token);
    }

    /** The shop answers an anonymous cart with its id; the account's own cart needs none. */
    private Response keepingCart(Response r) {
        if (r.status() == 200) {
            cartId = r.header(CART);
        }
        return r;
    }

    @Override
    protected Response send(HttpRequest.Builder request, String bearer) {
        if (cartId != null) {
            request.header(CART, cartId);
        }
        nextCallOnly.forEach(request::header);
        nextCallOnly.clear();
        return super.send(request, bearer);
    }
}
