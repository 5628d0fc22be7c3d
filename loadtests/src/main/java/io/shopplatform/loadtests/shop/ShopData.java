package io.shopplatform.loadtests.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Readies the shop for a run through its own API, as an operator would: finds the catalog (listing every top
 * category a page at a time), adds products when it holds fewer than the run needs (a test database), and has the
 * administrator receive stock so that no product the run buys from runs out.
 */
public final class ShopData {

    /** Stock each product holds at the start of a run (the inventory service takes at most a million per receipt). */
    static final int STOCK_PER_PRODUCT = 5_000;
    private static final int PAGE = 100, PARALLEL_CALLS = 8, RATE_LIMITED_RETRIES = 30;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopTarget shop;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();

    public ShopData(ShopTarget shop) {
        this.shop = shop;
    }

    /** The catalog the run browses and buys from: at least {@code minimum} stocked products, at most {@code maximum}. */
    public Catalog prepare(int minimum, int maximum) {
        String admin = post("/auth/login", Map.of("email", shop.adminEmail(), "password", shop.adminPassword()), null, 200)
                .path("accessToken").asText();
        List<Long> categories = new ArrayList<>();
        get("/categories").forEach(root -> categories.add(root.path("id").asLong()));
        Map<Long, Catalog.Product> products = new LinkedHashMap<>();
        for (long category : categories) {
            for (int page = 0; products.size() < maximum; page++) {
                JsonNode items = get("/products?category=" + category + "&size=" + PAGE + "&page=" + page).path("items");
                items.forEach(p -> products.putIfAbsent(p.path("id").asLong(), product(p)));
                if (items.size() < PAGE) {
                    break;
                }
            }
        }
        while (products.size() < minimum) {
            Catalog.Product created = create(admin, categories.isEmpty() ? null : categories.get(products.size() % categories.size()));
            products.put(created.id(), created);
        }
        List<Catalog.Product> stocked = List.copyOf(products.values()).subList(0, Math.min(products.size(), maximum));
        parallel(stocked, p -> stock(admin, p));
        return new Catalog(stocked, categories);
    }

    private Catalog.Product create(String admin, Long category) {
        String word = "load" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", "LOAD-" + word.substring(4).toUpperCase());
        body.put("name", "Load test item " + word);
        body.put("price", 9.99);
        body.put("status", "ACTIVE");
        if (category != null) {
            body.put("categoryId", category);
        }
        return product(post("/products", body, admin, 201));
    }

    /** Tops the product's stock up to {@link #STOCK_PER_PRODUCT}; a SKU never received has no stock row yet (404). */
    private void stock(String admin, Catalog.Product p) {
        int available = send(HttpRequest.newBuilder(uri("/inventory/stock/" + p.sku())).GET(), 200, 404)
                .path("available").asInt(0);
        if (available < STOCK_PER_PRODUCT) {
            post("/inventory/stock/" + p.sku() + "/receipts",
                    Map.of("quantity", STOCK_PER_PRODUCT - available, "reason", "load test"), admin, 200);
        }
    }

    private static Catalog.Product product(JsonNode p) {
        return new Catalog.Product(p.path("id").asLong(), p.path("sku").asText(), p.path("name").asText());
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
    }

    private JsonNode post(String path, Object body, String bearer, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return send(request.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request, int... expected) {
        HttpRequest r = request.timeout(CALL_TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
            // The gateway limits each client, and the administrator is one: wait as long as its answer says.
            for (int retry = 0; response.statusCode() == 429 && retry < RATE_LIMITED_RETRIES; retry++) {
                Thread.sleep(1000 * response.headers().firstValueAsLong("Retry-After").orElse(1));
                response = http.send(r, HttpResponse.BodyHandlers.ofString());
            }
            HttpResponse<String> answer = response;
            if (Arrays.stream(expected).noneMatch(s -> s == answer.statusCode())) {
                throw new IllegalStateException("preparing the shop: " + r.method() + " " + r.uri() + " answered "
                        + answer.statusCode() + ": " + answer.body());
            }
            return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("preparing the shop: " + r.method() + " " + r.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(shop.gatewayUrl() + "/api/v1" + path);
    }

    private static <T> void parallel(List<T> items, java.util.function.Consumer<T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_CALLS);
        try {
            List<Future<?>> done = new ArrayList<>();
            items.forEach(item -> done.add(pool.submit(() -> action.accept(item))));
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
