package io.shopplatform.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Services that do not exist yet, played at the addresses the gateway routes to, for what the real ones cannot
 * show on demand: what a service received (headers after the gateway), a service that answers 503, one that is
 * too slow, one that holds each request 2 s ({@code /held}), and one that is down (a port nobody listens on).
 */
public final class StandIns {

    private static StandIns shared;

    private final HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final int deadPort;
    private final AtomicInteger inFlight = new AtomicInteger(), mostInFlight = new AtomicInteger();

    private StandIns() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            try (ServerSocket s = new ServerSocket(0)) {
                deadPort = s.getLocalPort();   // closed again at once: connections to it are refused
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized StandIns shared() {
        if (shared == null) {
            shared = new StandIns();
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String deadUrl() {
        return "http://127.0.0.1:" + deadPort;
    }

    /** How many requests reached {@code path} (method and path, e.g. {@code "GET /api/v1/payments/x"}). */
    public int calls(String methodAndPath) {
        return calls.getOrDefault(methodAndPath, new AtomicInteger()).get();
    }

    /** The most requests to a {@code /held} path the stand-in has had in flight at once. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        calls.computeIfAbsent(exchange.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        if (path.contains("/slow")) {
            try {
                Thread.sleep(15_000);   // the service being slow is the point: longer than the tests' time limit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{}");
        } else if (path.contains("/held")) {
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(2_000);   // long enough that every caller of a burst is in flight at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            respond(exchange, 200, "{}");
        } else if (path.contains("/unavailable")) {
            respond(exchange, 503, "{}");
        } else {
            // Echo: the request's headers as the service received them, names in lower case.
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            StringBuilder json = new StringBuilder("{");
            headers.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
            respond(exchange, 200, json.append('}').toString());
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
