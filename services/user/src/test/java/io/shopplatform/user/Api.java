package io.shopplatform.user;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client of the running service, as a shopper's app calls it. Each client comes from an address of its own
 * (X-Forwarded-For, as the gateway sets it), so one test's failed logins never count against another's.
 */
public final class Api {

    /** A password every rule accepts. */
    public static final String GOOD_PASSWORD = "correct horse battery staple";

    /** A response whose body is read with JSON paths, e.g. {@code r.json("$.email")}. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** What a login hands out. */
    public record Session(String accessToken, String refreshToken) {}

    private static final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String address;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.address = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public String address() {
        return address;
    }

    public static String uniqueEmail() {
        return "u-" + UUID.randomUUID() + "@example.com";
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

    public Response register(String email, String password) {
        return post("/api/v1/users", """
                {"email": "%s", "password": "%s"}""".formatted(email, password), null);
    }

    /** Registers {@code email} with {@link #GOOD_PASSWORD}; returns the account id. */
    public String registered(String email) {
        Response r = register(email, GOOD_PASSWORD);
        if (r.status() != 201) {
            throw new AssertionError("register failed: " + r.status() + " " + r.body());
        }
        return r.json("$.id");
    }

    public Response login(String email, String password) {
        return post("/api/v1/auth/login", """
                {"email": "%s", "password": "%s"}""".formatted(email, password), null);
    }

    public Session loggedIn(String email, String password) {
        Response r = login(email, password);
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r.status() + " " + r.body());
        }
        return new Session(r.json("$.accessToken"), r.json("$.refreshToken"));
    }

    public Response refresh(String refreshToken) {
        return post("/api/v1/auth/refresh", """
                {"refreshToken": "%s"}""".formatted(refreshToken), null);
    }

    private Response send(HttpRequest.Builder request, String token) {
        request.header("Content-Type", "application/json");
        request.header("X-Forwarded-For", address);
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
