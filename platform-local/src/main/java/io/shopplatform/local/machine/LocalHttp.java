package io.shopplatform.local.machine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A readiness probe over HTTP on loopback: short timeouts, and no answer is simply "not ready". */
public final class LocalHttp {

    private LocalHttp() {}

    /** The response to a GET of {@code url}, or empty when nothing answered in time. */
    public static Optional<HttpResponse<String>> get(String url) {
        try {
            return Optional.of(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
