package io.shopplatform.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the storefront promises on its own, in seconds and without the shop behind it: the API is simply not there
 * (a port nothing listens on), as when the gateway is down. The pages that use the API are tested against the
 * whole shop in a real browser (e2e's StorefrontBrowserTests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PagesWithoutTheApiTests {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void nothingBehind(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        registry.add("SHOP_GATEWAY_URL", () -> "http://127.0.0.1:" + closed);
        registry.add("SHOP_CARD_TOKENS_URL", () -> "http://127.0.0.1:" + closed);
        registry.add("management.server.port", () -> "0");
    }

    @Test
    void formsCarryACsrfTokenFromAnHttpOnlySameSiteCookie() throws Exception {
        HttpResponse<String> login = get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).containsPattern("name=\"_csrf\" value=\"[^\"]+\"");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("XSRF-TOKEN=").contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure"));
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=a%40b.test&password=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(403);
    }

    @Test
    void cookiesAreSecureWhenTheShopperCameOverHttps() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(url("/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("XSRF-TOKEN=").contains("Secure"));
    }

    @Test
    void pagesForbidInlineScriptsFramingAndOtherOrigins() throws Exception {
        HttpResponse<String> login = get("/login");
        String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                "form-action 'self'").doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]").doesNotContain("http://", "https://");
    }

    @Test
    void assetsAreFingerprintedAndImmutableForAYear() throws Exception {
        String page = get("/login").body();
        Matcher css = Pattern.compile("href=\"(/css/shop-[0-9a-f]{32}\\.css)\"").matcher(page);
        assertThat(css.find()).as("a fingerprinted stylesheet link in " + page).isTrue();
        HttpResponse<String> asset = get(css.group(1));
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control")).hasValueSatisfying(c ->
                assertThat(List.of(c.split(",\\s*"))).contains("max-age=31536000", "immutable", "public"));
        assertThat(asset.headers().firstValue("ETag")).isPresent();
        assertThat(asset.headers().allValues("Set-Cookie")).as("nothing per-visitor on a shared asset").isEmpty();
    }

    @Test
    void anUnreachableApiIsAClearMessageNotAStackTrace() throws Exception {
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(503);
        assertThat(home.body()).contains("The shop is not answering right now").doesNotContain("Exception", "at io.");
    }

    @Test
    void anAddressThatIsNoPageSaysSo() throws Exception {
        HttpResponse<String> missing = get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("That page is not in the shop.");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
