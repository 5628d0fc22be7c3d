package io.shopplatform.payment;

import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The payment API as the order service, an admin and a shopper call it, and the providers' tokenization. */
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

    /** A Visa-like number of this run's own (a fingerprint no other test shares), ending in {@code last4}. */
    public static String newCard(String last4) {
        StringBuilder digits = new StringBuilder("4");
        for (int i = 0; i < 11; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.append(last4).toString();
    }

    /**
     * A card token from a simulator's tokenization, as a shopper's browser would get it: the primary's, or the
     * secondary's while the primary is down (both simulators' tokens work at both).
     */
    public static String tokenize(String cardNumber) {
        String stripe = tokenize(Simulators.Sim.STRIPE, cardNumber);
        return stripe != null ? stripe : tokenize(Simulators.Sim.PAYPAL, cardNumber);
    }

    private static String tokenize(Simulators.Sim sim, String cardNumber) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(Simulators.shared().url(sim) + sim.tokenPath))
                    .header("Authorization", "Bearer " + Simulators.KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"number\": \"" + cardNumber
                            + "\", \"exp_month\": 12, \"exp_year\": 2031, \"cvc\": \"123\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 503 && sim == Simulators.Sim.STRIPE) {
                return null;
            }
            if (r.statusCode() != 200) {
                throw new AssertionError("tokenization failed: " + r.statusCode() + " " + r.body());
            }
            return JsonPath.read(r.body(), "$.id");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        return post("/api/v1/payments", body(order, UUID.randomUUID(), amount, tokenize(newCard("4242"))),
                ORDER_SERVICE, "order-" + order);
    }

    public Response payment(String id) {
        return get("/api/v1/payments/" + id, ORDER_SERVICE);
    }

    /** The key the service sends the providers for the payment of {@code order}. */
    public static String chargeKey(long order) {
        return "charge-order-" + order;
    }
}
