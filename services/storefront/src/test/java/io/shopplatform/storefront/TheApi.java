package io.shopplatform.storefront;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The gateway's API played by WireMock, for pages tested without the shop behind them, and a browser-like client
 * of the storefront: it keeps cookies, does not follow redirects, and posts forms with their CSRF token.
 */
final class TheApi {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    TheApi() {
        server.start();
    }

    /** Points the storefront at this API (and the card tokenization, which these tests never reach, too). */
    void wire(DynamicPropertyRegistry registry) {
        registry.add("SHOP_GATEWAY_URL", server::baseUrl);
        registry.add("SHOP_CARD_TOKENS_URL", server::baseUrl);
        registry.add("management.server.port", () -> "0");
    }

    /** One shopper's browser on the storefront at {@code port}. */
    static final class Browser {
        final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final int port;

        Browser(int port) {
            this.port = port;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(url(path)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Opens {@code formPage} and submits {@code form} (url-encoded fields) to {@code action}, as a browser does. */
        HttpResponse<String> submit(String formPage, String action, String form) throws Exception {
            Matcher token = CSRF.matcher(get(formPage).body());
            if (!token.find()) {
                throw new AssertionError("no CSRF token on " + formPage);
            }
            return http.send(HttpRequest.newBuilder(url(action)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + token.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }
}
