package io.shopplatform.payment.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeoutException;

/**
 * JSON over HTTP to one provider, each call bounded by the provider's time limiter, with the failure sorted by what
 * it means for money ({@link ProviderFailure.Kind}). The provider's key goes in the Authorization header only.
 */
final class ProviderHttp {

    /** A provider's answer: its status and JSON body (a missing node when it sent none). */
    record Reply(int status, JsonNode body) {
        String text(String field) {
            return body.path(field).asText(null);
        }
    }

    private final ProviderName provider;
    private final HttpClient http;
    private final URI base;
    private final String key;
    private final String idempotencyHeader;
    private final TimeLimiter limiter;
    private final ObjectMapper json;

    ProviderHttp(ProviderName provider, HttpClient http, URI base, String key, String idempotencyHeader,
                 TimeLimiter limiter, ObjectMapper json) {
        this.provider = provider;
        this.http = http;
        this.base = base;
        this.key = key;
        this.idempotencyHeader = idempotencyHeader;
        this.limiter = limiter;
        this.json = json;
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply post(String path, Object body, String idempotencyKey) {
        return send("POST", path, body, idempotencyKey);
    }

    private Reply send(String method, String path, Object body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                // A backstop behind the time limiter, which cancels the call at its own limit.
                .timeout(limiter.getTimeLimiterConfig().getTimeoutDuration().multipliedBy(2))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            request.header(idempotencyHeader, idempotencyKey);
        }
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        HttpResponse<String> response;
        try {
            response = limiter.executeFutureSupplier(() -> http.sendAsync(request.build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw failure(ProviderFailure.Kind.NOT_DONE, "unreachable", "could not connect", e);
        } catch (TimeoutException | IOException e) {
            // The request may have reached the provider and been acted on: only the provider can tell.
            throw failure(ProviderFailure.Kind.UNCERTAIN, "timeout", "no answer in time: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(ProviderFailure.Kind.UNCERTAIN, "interrupted", "interrupted", e);
        } catch (Exception e) {
            throw failure(ProviderFailure.Kind.UNCERTAIN, "error", e.toString(), e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            // Both providers' APIs promise that a 5xx or 429 did nothing (see the README): safe to retry.
            throw failure(ProviderFailure.Kind.NOT_DONE, "http_" + status, "answered " + status, null);
        }
        return new Reply(status, parse(response.body()));
    }

    ProviderFailure refused(Reply reply, String code) {
        return failure(ProviderFailure.Kind.REFUSED, code == null ? "http_" + reply.status() : code,
                "refused the request (" + reply.status() + ")", null);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw failure(ProviderFailure.Kind.UNCERTAIN, "unreadable", "sent an unreadable answer", e);
        }
    }

    private ProviderFailure failure(ProviderFailure.Kind kind, String code, String message, Throwable cause) {
        return new ProviderFailure(provider, kind, code, message, cause);
    }
}
