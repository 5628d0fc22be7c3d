package io.shopplatform.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.model.PaymentProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A payment provider's simulator (WireMock), through its admin API: its charge API taken down and brought back, and
 * its own journal read as the witness of what it charged. Card tokenizing stays up: a shopper's browser tokenizes at
 * the provider's front end, which an outage of its charge API need not take down.
 */
final class ProviderSimulator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final PaymentProvider provider;
    private final String url;
    private String outage;

    ProviderSimulator(PaymentProvider provider, String url) {
        this.provider = provider;
        this.url = url;
    }

    PaymentProvider provider() {
        return provider;
    }

    /**
     * Every call under the charge path (charges, lookups of a charge by key, captures) answers 503, which the
     * providers' APIs promise did nothing, until {@link #up}.
     */
    void down() {
        String stub = """
                {"priority": 1, "request": {"method": "ANY", "urlPathPattern": "%s(/.*)?"},
                 "response": {"status": 503, "headers": {"Content-Type": "application/json"},
                              "body": "{\\"error\\": {\\"code\\": \\"unavailable\\"}}"}}""".formatted(provider.chargePath());
        outage = admin("POST", "/mappings", stub).path("id").asText();
    }

    void up() {
        if (outage != null) {
            admin("DELETE", "/mappings/" + outage, null);
            outage = null;
        }
    }

    /**
     * The idempotency keys of the charges this provider answered as made (a 2xx to a charge request), from its
     * journal: a key charged at two providers is money taken twice.
     */
    Set<String> chargedKeys() {
        Set<String> keys = new TreeSet<>();
        for (JsonNode served : admin("GET", "/requests", null).path("requests")) {
            JsonNode request = served.path("request");
            int status = served.path("response").path("status").asInt();
            if (request.path("method").asText().equals("POST") && request.path("url").asText().equals(provider.chargePath())
                    && status / 100 == 2) {
                header(request.path("headers"), provider.idempotencyHeader()).ifPresent(keys::add);
            }
        }
        return keys;
    }

    /** Idempotency keys that both providers' journals show charged: money taken twice for one payment. */
    static Set<String> chargedAtBoth(ProviderSimulator one, ProviderSimulator other) {
        Set<String> twice = new TreeSet<>(one.chargedKeys());
        twice.retainAll(other.chargedKeys());
        return twice;
    }

    /** WireMock logs a header's values as a string, or a list when repeated; header names are case-insensitive. */
    private static java.util.Optional<String> header(JsonNode headers, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (h.getKey().equalsIgnoreCase(name)) {
                JsonNode v = h.getValue();
                return java.util.Optional.of(v.isArray() ? v.get(0).asText() : v.asText());
            }
        }
        return java.util.Optional.empty();
    }

    private JsonNode admin(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/__admin" + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(provider.name() + " simulator: " + method + " " + path + " answered "
                        + r.statusCode() + ": " + r.body());
            }
            return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(provider.name() + " simulator at " + url + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
