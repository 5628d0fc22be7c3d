package io.shopplatform.storefront.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.storefront.StorefrontProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The gateway's API (the model's storefront → gateway edge), as the README's curl session uses it. Answers are
 * read as plain maps: pages only display them. Anything but a success becomes an {@link ApiProblem}.
 */
@Component
public class ShopApi {

    /** The order service's anonymous cart header: sent back on every cart call until the shopper signs in. */
    public static final String CART_HEADER = "Shop-Cart-Id";
    /** The product service says which engine answered a search; {@code postgresql} when it fell back. */
    public static final String SEARCH_BACKEND_HEADER = "X-Search-Backend";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    /** A success: its body (a map, or a list under "items" when the API answered a list) and its headers. */
    public record Answer(int status, Map<String, Object> body, java.net.http.HttpHeaders headers) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private final StorefrontProperties props;
    private final ObjectMapper json;
    private final HttpClient http;

    ShopApi(StorefrontProperties props, ObjectMapper json) {
        this.props = props;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(props.apiTimeout()).build();
    }

    /** A path under /api/v1 with query parameters; null values are left out. */
    public static String path(String path, Object... nameValues) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        for (int i = 0; i < nameValues.length; i += 2) {
            if (nameValues[i + 1] != null && !nameValues[i + 1].toString().isBlank()) {
                b.queryParam(nameValues[i].toString(), nameValues[i + 1]);
            }
        }
        return b.encode().build().toUriString();
    }

    public Answer get(String path, Visitor visitor) {
        return send("GET", path, null, visitor, Map.of());
    }

    public Answer post(String path, Object body, Visitor visitor) {
        return send("POST", path, body, visitor, Map.of());
    }

    public Answer post(String path, Object body, Visitor visitor, Map<String, String> headers) {
        return send("POST", path, body, visitor, headers);
    }

    public Answer put(String path, Object body, Visitor visitor) {
        return send("PUT", path, body, visitor, Map.of());
    }

    public Answer delete(String path, Visitor visitor) {
        return send("DELETE", path, null, visitor, Map.of());
    }

    private Answer send(String method, String path, Object body, Visitor visitor, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(props.gatewayUrl() + "/api/v1" + path))
                .timeout(props.apiTimeout()).header("Accept", "application/json");
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (visitor != null && visitor.accessToken() != null) {
                request.header("Authorization", "Bearer " + visitor.accessToken());
            }
            if (visitor != null && visitor.cartId() != null) {
                request.header(CART_HEADER, visitor.cartId());
            }
            if (visitor != null && visitor.minVersion() != null) {
                request.header(ReadYourWrites.MIN_VERSION_HEADER, visitor.minVersion());
            }
            headers.forEach(request::header);
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return answer(response);
        } catch (IOException e) {
            throw ApiProblem.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable();
        }
    }

    private Answer answer(HttpResponse<byte[]> response) throws IOException {
        int status = response.statusCode();
        byte[] bytes = response.body();
        boolean isJson = response.headers().firstValue("Content-Type").filter(t -> t.contains("json")).isPresent();
        if (status >= 400) {
            if (!isJson || bytes.length == 0) {
                throw status >= 500 ? ApiProblem.unavailable()
                        : ApiProblem.of(status, Map.of("title", "The shop refused that (" + status + ")"));
            }
            throw ApiProblem.of(status, json.readValue(bytes, OBJECT));
        }
        Map<String, Object> body = Map.of();
        if (isJson && bytes.length > 0) {
            String text = new String(bytes, StandardCharsets.UTF_8).stripLeading();
            body = text.startsWith("[") ? Map.of("items", json.readValue(bytes, List.class))
                    : json.readValue(bytes, OBJECT);
        }
        return new Answer(status, body, response.headers());
    }
}
