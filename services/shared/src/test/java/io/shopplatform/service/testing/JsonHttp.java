package io.shopplatform.service.testing;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/** A JSON client of one running service instance, as the tests call it (a bearer token per call, or none). */
public class JsonHttp {

    /** A response whose body is read with JSON paths, e.g. {@code r.json("$.price")}. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        /** Busy: the service asks to be called again later (429, or 503 while short of connections or failing over). */
        public boolean busy() {
            return status == 429 || status == 503;
        }

        /**
         * How long the service asks to be left alone: its {@code Retry-After} (seconds, or an HTTP date), bounded by
         * {@link #LONGEST_RETRY_AFTER}; {@link #DEFAULT_RETRY_AFTER} when it names none or one that cannot be read.
         */
        public Duration retryAfter() {
            String value = header("Retry-After");
            if (value == null || value.isBlank()) {
                return DEFAULT_RETRY_AFTER;
            }
            Duration wait;
            try {
                wait = value.trim().chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value.trim()))
                        : Duration.between(Instant.now(), ZonedDateTime.parse(value.trim(),
                                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException | NumberFormatException unreadable) {
                return DEFAULT_RETRY_AFTER;
            }
            return wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
        }
    }

    /** The wait on a busy answer without a readable {@code Retry-After}; the longest wait any answer gets. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1), LONGEST_RETRY_AFTER = Duration.ofSeconds(10);

    /**
     * Sends {@code call} again while the service is {@linkplain Response#busy busy}, each time after the wait it asks
     * for ({@link Response#retryAfter}), at most {@code attempts} times in all; returns the last answer. As a shop
     * client does, and only for calls the service makes safe to repeat (an idempotency key, an order id).
     */
    public static Response retryingWhileBusy(int attempts, Supplier<Response> call) {
        for (int attempt = 1; ; attempt++) {
            Response r = call.get();
            if (!r.busy() || attempt >= attempts) {
                return r;
            }
            try {
                Thread.sleep(r.retryAfter().toMillis());   // the service's own word on when to come back
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public JsonHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
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

    /** A DELETE that carries a body (a confirmation, say). */
    public Response delete(String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)), token);
    }

    /** Sends with a JSON content type and the token, if any; a subclass may add headers of its own first. */
    protected Response send(HttpRequest.Builder request, String token) {
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
