package io.shopplatform.payment;

import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.service.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The payment API as the order service, an admin and a shopper call it (card tokens: {@link PaymentSimulators}). */
public final class Api extends JsonHttp {

    public static final String ADMIN = TestTokens.shared().token("admin", "ADMIN");
    public static final String ORDER_SERVICE = TestTokens.shared().token("service:order", "ORDER_SERVICE");
    public static final String SHOPPER = TestTokens.shared().token("shopper", "CUSTOMER");

    /** Order ids of this run: far from any other run's on the shared tier. */
    private static final AtomicLong orders = new AtomicLong(System.currentTimeMillis() * 1000);

    public Api(int port) {
        super(port);
    }

    public static long newOrderId() {
        return orders.incrementAndGet();
    }

    public static String body(long orderId, UUID userId, String amount, String cardToken) {
        return """
                {"orderId": %d, "userId": "%s", "amount": "%s", "currency": "USD", "cardToken": "%s"}"""
                .formatted(orderId, userId, amount, cardToken);
    }

    /** POST with an Idempotency-Key header (none when null). */
    public Response post(String path, String json, String token, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request, token);
    }

    /** Authorizes a new payment of {@code amount} for a new order with a new card; returns the response. */
    public Response authorizeNew(String amount) {
        long order = newOrderId();
        return post("/api/v1/payments", body(order, UUID.randomUUID(), amount, PaymentSimulators.card("4242")),
                ORDER_SERVICE, "order-" + order);
    }

    public Response payment(String id) {
        return get("/api/v1/payments/" + id, ORDER_SERVICE);
    }
}
