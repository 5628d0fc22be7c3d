package io.shopplatform.gateway;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A shopper's HTTP client against one running gateway, from an address of its own: it comes through the one proxy
 * the test gateway trusts ({@code X-Forwarded-For}), so its rate-limit bucket is its own.
 */
public final class Client {

    /** A response whose body is read with JSON paths, e.g. {@code r.json("$.status")}. */
    public record Response(int status, String body, HttpResponse<String> raw, Duration took) {
        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public boolean isProblem() {
            return "application/problem+json".equals(header("Content-Type"));
        }
    }

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String address;

    public Client(int port) {
        this.base = "http://127.0.0.1:" + port;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.address = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", address);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response get(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET());
    }

    public Response send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
