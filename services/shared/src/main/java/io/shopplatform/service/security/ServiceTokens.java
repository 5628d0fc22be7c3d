package io.shopplatform.service.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Access tokens for this service's own calls to other services (the checkout saga reserving stock, say): the OAuth
 * 2.0 client-credentials grant at the user service that publishes the JWKS, {@code <jwks origin>/oauth2/token}.
 * One token is shared by every request until shortly before it expires; a failed request for one throws
 * {@link Unavailable}, which callers treat like the callee being down (retry later).
 */
public class ServiceTokens {

    /** The user service could not give a token now. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Token(String value, Instant renewAt) {}

    private final URI tokenUri;
    private final String basic;
    private final ServiceClientProperties props;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile Token token;

    public ServiceTokens(URI tokenUri, String clientId, ServiceClientProperties props, ObjectMapper json, Clock clock) {
        this.tokenUri = tokenUri;
        this.basic = "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + props.secret()).getBytes(StandardCharsets.UTF_8));
        this.props = props;
        this.http = HttpClient.newBuilder().connectTimeout(props.timeout()).build();
        this.json = json;
        this.clock = clock;
    }

    /** {@code Bearer <token>}, for an {@code Authorization} header. */
    public String bearer() {
        Token current = token;
        if (current == null || !clock.instant().isBefore(current.renewAt())) {
            current = renew();
        }
        return "Bearer " + current.value();
    }

    /** Adds this service's token to every request of a {@code RestClient} it is registered with. */
    public ClientHttpRequestInterceptor interceptor() {
        return (request, body, execution) -> {
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, bearer());
            return execution.execute(request, body);
        };
    }

    private synchronized Token renew() {
        Token current = token;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current;    // another thread renewed it while this one waited
        }
        HttpRequest request = HttpRequest.newBuilder(tokenUri).timeout(props.timeout())
                .header(HttpHeaders.AUTHORIZATION, basic)
                .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new Unavailable("token request to " + tokenUri + " answered " + response.statusCode() + ": "
                        + response.body(), null);
            }
            JsonNode body = json.readTree(response.body());
            Duration lifetime = Duration.ofSeconds(body.path("expires_in").asLong());
            // Renew half-way through a lifetime shorter than the margin, rather than on every call.
            Duration margin = props.renewBefore().compareTo(lifetime) < 0 ? props.renewBefore() : lifetime.dividedBy(2);
            token = new Token(body.path("access_token").asText(), clock.instant().plus(lifetime).minus(margin));
            return token;
        } catch (IOException e) {
            throw new Unavailable("no token from " + tokenUri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted asking " + tokenUri + " for a token", e);
        }
    }
}
