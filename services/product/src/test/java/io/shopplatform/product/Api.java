package io.shopplatform.product;

import com.jayway.jsonpath.JsonPath;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** A client of one running instance, as admins and shoppers call it. */
public final class Api {

    /** A response whose body is read with JSON paths, e.g. {@code r.json("$.price")}. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public static final String ADMIN = TestTokens.shared().token("admin", "ADMIN");
    public static final String SHOPPER = TestTokens.shared().token("shopper", "CUSTOMER");

    private static final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null);
    }

    /** A read that must see the write which returned {@code version} (its {@code Shop-Version} header). */
    public Response getAtLeast(String path, String version) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header(ReadYourWrites.MIN_VERSION_HEADER, version), null);
    }

    public Response post(String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    public Response put(String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    public Response delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
    }

    /** Creates a product as an admin and returns its id. */
    public long createProduct(long categoryId, String price) {
        Response r = post("/api/v1/products", productJson(uniqueSku(), "Test product", categoryId, price), ADMIN);
        if (r.status() != 201) {
            throw new AssertionError("create failed: " + r.status() + " " + r.body());
        }
        return ((Number) r.json("$.id")).longValue();
    }

    public static String productJson(String sku, String name, long categoryId, String price) {
        return """
                {"sku": "%s", "name": "%s", "description": "made by a test", "categoryId": %d, "price": %s,
                 "status": "ACTIVE"}""".formatted(sku, name, categoryId, price);
    }

    public static String uniqueSku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
    }

    /** A category slug of its own, so tests on the shared tier never meet in a category. */
    public static String uniqueSlug() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private Response send(HttpRequest.Builder request, String token) {
        request.header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
