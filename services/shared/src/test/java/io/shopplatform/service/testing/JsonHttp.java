package io.shopplatform.service.testing;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
