package io.shopplatform.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the payment service (docs: CONTRACTS-12, "Payment API") until branch {@code payment} has it: the
 * same paths, idempotent by {@code Idempotency-Key} as the contract says, with a record of every authorization,
 * capture and void the tests count. Card tokens choose the outcome: one containing "decline" ({@link #DECLINE}) is
 * declined, "pending" ({@link #PENDING}) stays pending (both providers down), anything else is authorized. Replace with the real service once it exists.
 */
public final class PaymentStandIn {

    public static final String GOOD = "tok_visa", DECLINE = "tok_decline", PENDING = "tok_pending";

    /** A payment as the stand-in holds it. */
    public static final class Payment {
        public final UUID id = UUID.randomUUID();
        public final long orderId;
        public volatile String status;
        public final AtomicInteger captures = new AtomicInteger(), voids = new AtomicInteger();

        Payment(long orderId, String status) {
            this.orderId = orderId;
            this.status = status;
        }
    }

    private static PaymentStandIn shared;

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Payment> byKey = new ConcurrentHashMap<>();
    private final Map<UUID, Payment> byId = new ConcurrentHashMap<>();
    public final AtomicInteger authorizeCalls = new AtomicInteger();

    private PaymentStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());   // held requests must not starve the others
        server.createContext("/api/v1/payments", this::handle);
        server.start();
    }

    public static synchronized PaymentStandIn shared() {
        if (shared == null) {
            shared = new PaymentStandIn();
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The payments made for {@code orderId} (one, whatever the retries, if the saga keeps its key). */
    public List<Payment> of(long orderId) {
        return byId.values().stream().filter(p -> p.orderId == orderId).toList();
    }

    /** Lets a pending payment be authorized, as the payment service does once a provider is back. */
    public void authorizePending(long orderId) {
        of(orderId).forEach(p -> p.status = "AUTHORIZED");
    }

    /**
     * Requests for payments with card token {@code card} wait here before they take effect (authorize or capture,
     * {@code kind}) until {@link #releaseHeld}: a test kills the order service while they wait. Returns the ids of
     * the orders whose requests were held (a retry of the same order is held again, and counted once).
     */
    public Set<Long> hold(String card, String kind) {
        holds.put(card + "/" + kind, ConcurrentHashMap.newKeySet());
        return holds.get(card + "/" + kind);
    }

    /** Lets every held request take effect and answer (into a closed connection, if its caller died). */
    public void releaseHeld() {
        released.countDown();
    }

    private final Map<String, Set<Long>> holds = new ConcurrentHashMap<>();
    private final Map<UUID, String> cards = new ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    private void waitIfHeld(String card, String kind, long orderId) {
        Set<Long> waiting = card == null ? null : holds.get(card + "/" + kind);
        if (waiting != null && released.getCount() > 0) {
            waiting.add(orderId);
            try {
                released.await(5, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String[] parts = path.split("/");
        byte[] request = x.getRequestBody().readAllBytes();
        if (parts.length == 4 && x.getRequestMethod().equals("POST")) {
            JsonNode body = json.readTree(request);
            waitIfHeld(body.path("cardToken").asText(), "authorize", body.path("orderId").asLong());
        } else if (parts.length == 6 && parts[5].equals("capture")) {
            Payment p = byId.get(UUID.fromString(parts[4]));
            waitIfHeld(cards.get(UUID.fromString(parts[4])), "capture", p == null ? 0 : p.orderId);
        }
        synchronized (this) {
            respond(x, parts, request);
        }
    }

    private void respond(HttpExchange x, String[] parts, byte[] request) throws IOException {
        try (x) {
            if (x.getRequestHeaders().getFirst("Authorization") == null) {
                answer(x, 401, Map.of("title", "Unauthorized"));
            } else if (parts.length == 4 && x.getRequestMethod().equals("POST")) {
                authorizeCalls.incrementAndGet();
                JsonNode body = json.readTree(request);
                String key = x.getRequestHeaders().getFirst("Idempotency-Key");
                String card = body.path("cardToken").asText();
                boolean[] made = {false};
                Payment p = byKey.computeIfAbsent(key, k -> {
                    made[0] = true;
                    Payment n = new Payment(body.path("orderId").asLong(),
                            card.contains("decline") ? "DECLINED" : card.contains("pending") ? "PENDING" : "AUTHORIZED");
                    byId.put(n.id, n);
                    cards.put(n.id, card);
                    return n;
                });
                answer(x, made[0] ? 201 : 200, view(p));
            } else if (parts.length == 4 && x.getRequestMethod().equals("GET")) {
                long order = Long.parseLong(x.getRequestURI().getQuery().replace("orderId=", ""));
                answer(x, 200, of(order).stream().map(this::view).toList());
            } else if (parts.length == 6 && byId.containsKey(UUID.fromString(parts[4]))) {
                Payment p = byId.get(UUID.fromString(parts[4]));
                if (parts[5].equals("capture")) {
                    if (!p.status.equals("AUTHORIZED") && !p.status.equals("CAPTURED")) {
                        answer(x, 409, Map.of("title", "Not capturable", "detail", "payment is " + p.status));
                        return;
                    }
                    if (p.status.equals("AUTHORIZED")) {
                        p.captures.incrementAndGet();
                        p.status = "CAPTURED";
                    }
                } else {
                    if (p.status.equals("CAPTURED") || p.status.equals("DECLINED")) {
                        answer(x, 409, Map.of("title", "Not voidable", "detail", "payment is " + p.status));
                        return;
                    }
                    if (!p.status.equals("VOIDED")) {
                        p.voids.incrementAndGet();
                        p.status = "VOIDED";
                    }
                }
                answer(x, 200, view(p));
            } else {
                answer(x, 404, Map.of("title", "Not found"));
            }
        }
    }

    private Map<String, Object> view(Payment p) {
        return Map.of("id", p.id.toString(), "orderId", p.orderId, "status", p.status, "provider", "stripe");
    }

    private void answer(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        x.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
