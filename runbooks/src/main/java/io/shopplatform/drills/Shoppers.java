package io.shopplatform.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.loadtests.shop.Cards;
import io.shopplatform.loadtests.shop.Catalog;
import io.shopplatform.loadtests.shop.ShopTarget;
import io.shopplatform.local.machine.Supervisor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Shoppers' traffic while a drill breaks the shop: each shopper a thread with an account of its own that views a
 * product, puts it in the cart and checks the cart out with a card tokenized at the primary provider (as the
 * storefront's browser does), again and again after a short think time. Every call's outcome is kept under the
 * drill's phase at the time, and every order the shop acknowledged (201) with its shopper's token, so that the
 * drill can find each one again afterwards.
 */
final class Shoppers implements AutoCloseable {

    /** What a shopper does, as the drill counts it. */
    enum Call { BROWSE, CART, CHECKOUT }

    /** {@code status} -1: no answer (refused, reset, or no answer within {@link #CALL_TIMEOUT}). */
    record Outcome(String phase, Call call, int status, long nanos) {
        boolean failed() {
            return status < 0 || status >= 500;
        }
    }

    /** An order the shop acknowledged (201): {@code sent} and {@code answered} are {@link System#nanoTime()}. */
    record Acknowledged(long orderId, String token, String phase, long sent, long answered) {

        /**
         * From {@code instant} until the answer to the first checkout sent after it: how long shoppers who began
         * buying after a fault waited for their first order. Empty while none was acknowledged.
         */
        static Optional<Duration> firstAfter(List<Acknowledged> orders, long instant) {
            return orders.stream().filter(a -> a.sent() > instant).map(a -> Duration.ofNanos(a.answered() - instant))
                    .min(Duration::compareTo);
        }
    }

    private static final Duration THINK = Duration.ofMillis(300);
    /** The gateway's own limit per backend call is 5 s; a shopper's app gives up on the whole call at this. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A new account after this many orders: the payment service's fraud rules hold the 11th payment of one user
     * within an hour, which would leave a drill's later orders pending review instead of measuring the fault.
     */
    private static final int ORDERS_PER_ACCOUNT = 8;
    private static final String PASSWORD = "blue harbour lantern forty two";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopTarget shop;
    private final Catalog catalog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<Acknowledged> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private volatile String phase;

    /** Sets {@code count} shoppers shopping in phase {@code phase}, each signed up before anything breaks. */
    Shoppers(ShopTarget shop, Catalog catalog, int count, String phase) {
        this.shop = shop;
        this.catalog = catalog;
        this.phase = phase;
        for (int i = 0; i < count; i++) {
            String token = signUp();
            Thread t = new Thread(() -> shop(token), "drill-shopper-" + i);
            threads.add(t);
            t.start();
        }
    }

    /** From now on, outcomes count under {@code name}. */
    void phase(String name) {
        phase = name;
    }

    /** Waits until {@code count} orders were acknowledged in {@code phase}; false when {@code limit} passed first. */
    boolean awaitAcknowledged(String phase, int count, Duration limit) throws InterruptedException {
        return Supervisor.waitFor(() -> acknowledged(phase).size() >= count, limit);
    }

    List<Acknowledged> acknowledged() {
        return List.copyOf(acknowledged);
    }

    List<Acknowledged> acknowledged(String phase) {
        return acknowledged().stream().filter(a -> a.phase().equals(phase)).toList();
    }

    List<Outcome> outcomes(String phase) {
        synchronized (outcomes) {
            return outcomes.stream().filter(o -> o.phase().equals(phase)).toList();
        }
    }

    /** Shopper-visible failures (5xx or no answer) of {@code call} in {@code phase}. */
    long failures(String phase, Call call) {
        return outcomes(phase).stream().filter(o -> o.call() == call && o.failed()).count();
    }

    /**
     * One line of what shoppers saw in {@code phase}: per call, answered/failed with the failures by status, and
     * the p95 of its answers; then the orders acknowledged.
     */
    String figures(String phase) {
        List<Outcome> seen = outcomes(phase);
        List<String> parts = new ArrayList<>();
        for (Call call : Call.values()) {
            List<Outcome> of = seen.stream().filter(o -> o.call() == call).toList();
            Map<String, Long> failed = of.stream().filter(Outcome::failed).collect(Collectors.groupingBy(
                    o -> o.status() < 0 ? "no answer" : Integer.toString(o.status()), TreeMap::new, Collectors.counting()));
            parts.add(String.format("%s %d (failed %d%s, p95 %d ms)", call.name().toLowerCase(), of.size(),
                    failed.values().stream().mapToLong(Long::longValue).sum(), failed.isEmpty() ? "" : " " + failed,
                    p95Millis(of)));
        }
        return phase + ": " + String.join(", ", parts) + "; " + acknowledged(phase).size() + " orders acknowledged";
    }

    /**
     * Waits until no acknowledged order is still {@code PENDING} (a payment queued while providers failed settles
     * later), then returns the orders that could not be found, with why. Empty: every acknowledged order is there.
     */
    List<String> lostOrders(Duration settle) throws InterruptedException {
        Supervisor.waitFor(() -> acknowledged().stream().map(this::status).noneMatch("PENDING"::equals), settle);
        List<String> lost = new ArrayList<>();
        for (Acknowledged a : acknowledged()) {
            String status = status(a);
            if (!List.of("CONFIRMED", "PENDING").contains(status)) {
                lost.add("order " + a.orderId() + " (" + a.phase() + "): " + status);
            }
        }
        return lost;
    }

    /** Orders acknowledged in the run by their status now (CONFIRMED, PENDING, ...). */
    Map<String, Long> statuses() {
        return acknowledged().stream().collect(Collectors.groupingBy(this::status, TreeMap::new, Collectors.counting()));
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(CALL_TIMEOUT.multipliedBy(4).toMillis());
        }
    }

    private void shop(String firstToken) {
        String token = firstToken;
        int ordersOnAccount = 0;
        while (running.get()) {
            if (ordersOnAccount == ORDERS_PER_ACCOUNT) {
                try {
                    token = signUp();
                    ordersOnAccount = 0;
                } catch (IllegalStateException e) {
                    pause();   // the user service is part of what a drill may break: try again on the next visit
                    continue;
                }
            }
            Catalog.Product product = catalog.popular();
            call(Call.BROWSE, get("/products/" + product.id(), token));
            HttpResponse<String> added = call(Call.CART, post("/cart/items",
                    "{\"productId\": " + product.id() + ", \"quantity\": 1}", token));
            HttpResponse<String> cart = added != null && added.statusCode() == 200 ? call(Call.CART, get("/cart", token)) : null;
            String cartId = cart != null && cart.statusCode() == 200 ? json(cart).path("id").asText(null) : null;
            String card = cartId == null ? null : cardToken();
            if (card != null) {
                String body = """
                        {"cartId": "%s", "cardToken": "%s", "shippingAddress": {"name": "ShopDrill Shopper",
                         "line1": "1 ShopDrill Road", "city": "Testville", "postalCode": "12345", "country": "US"}}"""
                        .formatted(cartId, card);
                String orderPhase = phase;
                long sent = System.nanoTime();
                HttpResponse<String> order = call(Call.CHECKOUT, post("/orders", body, token)
                        .header("Idempotency-Key", UUID.randomUUID().toString()));
                if (order != null && order.statusCode() == 201) {
                    acknowledged.add(new Acknowledged(json(order).path("id").asLong(), token, orderPhase, sent,
                            System.nanoTime()));
                    ordersOnAccount++;
                }
            }
            pause();
        }
    }

    private String signUp() {
        String email = "drill-" + UUID.randomUUID() + "@shop.test";
        String credentials = "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}";
        expect(send(post("/users", credentials, null)), 201, "registering a drill shopper");
        return json(expect(send(post("/auth/login", credentials, null)), 200, "signing a drill shopper in"))
                .path("accessToken").asText();
    }

    /** A card token from the primary provider's simulator, as the shopper's browser gets one; null when refused. */
    private String cardToken() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(shop.cardTokenUrl() + "/v1/tokens"))
                .header("Authorization", "Bearer " + shop.cardKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"number\": \"" + Cards.authorized() + "\", \"exp_month\": 12, \"exp_year\": 2031, \"cvc\": \"123\"}")));
        return r != null && r.statusCode() / 100 == 2 ? json(r).path("id").asText(null) : null;
    }

    private String status(Acknowledged a) {
        HttpResponse<String> r = send(get("/orders/" + a.orderId(), a.token()));
        if (r == null) {
            return "no answer";
        }
        return r.statusCode() == 200 ? json(r).path("status").asText() : "HTTP " + r.statusCode();
    }

    private HttpResponse<String> call(Call call, HttpRequest.Builder request) {
        long start = System.nanoTime();
        String at = phase;
        HttpResponse<String> r = send(request);
        outcomes.add(new Outcome(at, call, r == null ? -1 : r.statusCode(), System.nanoTime() - start));
        return r;
    }

    private HttpRequest.Builder get(String path, String token) {
        return authorized(HttpRequest.newBuilder(api(path)).GET(), token);
    }

    private HttpRequest.Builder post(String path, String body, String token) {
        return authorized(HttpRequest.newBuilder(api(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder b, String token) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private URI api(String path) {
        return URI.create(shop.gatewayUrl() + "/api/v1" + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status, String what) {
        if (r == null || r.statusCode() != status) {
            throw new IllegalStateException(what + ": " + (r == null ? "no answer" : r.statusCode() + " " + r.body()));
        }
        return r;
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    private static long p95Millis(List<Outcome> of) {
        long[] nanos = of.stream().filter(o -> o.status() > 0).mapToLong(Outcome::nanos).sorted().toArray();
        return nanos.length == 0 ? 0 : nanos[Math.min(nanos.length - 1, (int) Math.ceil(nanos.length * 0.95) - 1)] / 1_000_000;
    }

    /** A shopper's think time between visits: pacing, not a wait for a condition. */
    private void pause() {
        try {
            Thread.sleep(THINK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }
}
