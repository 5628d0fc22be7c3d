package io.shopplatform.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;
import io.shopplatform.service.security.ServiceClientProperties;
import io.shopplatform.service.security.ServiceTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Tokens for the shop's own services (client credentials): what the order service presents to inventory and
 * payment. Checked with the same decoder every service uses, through the published JWKS.
 */
@UserIntegrationTest
class ServiceClientIntegrationTests {

    @LocalServerPort
    int port;
    @Value("${shop.user.clients.order}")
    String orderSecret;
    @Autowired
    JwtDecoder decoder;

    @Test
    void aServiceClientGetsATokenWithItsServiceRoleAndNoSession() {
        ServiceTokens tokens = tokens("order", orderSecret, Clock.systemUTC());

        String bearer = tokens.bearer();

        Jwt jwt = decoder.decode(bearer.substring("Bearer ".length()));
        assertThat(jwt.getSubject()).isEqualTo("service:order");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("ORDER_SERVICE");
        assertThat(jwt.hasClaim("sid")).isFalse();
        assertThat(Duration.between(Instant.now(), jwt.getExpiresAt())).isBetween(Duration.ofMinutes(14),
                Duration.ofMinutes(15));
        assertThat(tokens.bearer()).as("reused until shortly before it expires").isEqualTo(bearer);
    }

    @Test
    void aTokenIsRenewedBeforeItExpires() {
        MovableClock clock = new MovableClock();
        ServiceTokens tokens = tokens("order", orderSecret, clock);
        String first = tokens.bearer();

        clock.advance(Duration.ofMinutes(14).plusSeconds(1));    // inside the last minute of its 15

        assertThat(tokens.bearer()).isNotEqualTo(first);
    }

    @Test
    void aWrongSecretOrAnUnknownClientGetsNoToken() {
        assertThatThrownBy(() -> tokens("order", orderSecret + "x", Clock.systemUTC()).bearer())
                .isInstanceOf(ServiceTokens.Unavailable.class).hasMessageContaining("401")
                .hasMessageContaining("invalid_client");
        assertThatThrownBy(() -> tokens("inventory", orderSecret, Clock.systemUTC()).bearer())
                .isInstanceOf(ServiceTokens.Unavailable.class).hasMessageContaining("401");
    }

    @Test
    void onlyTheClientCredentialsGrantIsOffered() throws Exception {
        HttpResponse<String> password = post("grant_type=password&username=a&password=b", "order", orderSecret);
        HttpResponse<String> none = post("", "order", orderSecret);

        assertThat(password.statusCode()).isEqualTo(400);
        assertThat((String) JsonPath.read(password.body(), "$.error")).isEqualTo("unsupported_grant_type");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat((String) JsonPath.read(none.body(), "$.error")).isEqualTo("invalid_request");
        assertThat(password.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aServiceTokenDoesNotActAsAShopper() {
        String bearer = tokens("order", orderSecret, Clock.systemUTC()).bearer();

        assertThat(new Api(port).get("/api/v1/users/me", bearer.substring("Bearer ".length())).status())
                .isIn(401, 403, 404);
    }

    private ServiceTokens tokens(String client, String secret, Clock clock) {
        return new ServiceTokens(URI.create("http://127.0.0.1:" + port + "/oauth2/token"), client,
                new ServiceClientProperties(client, secret, Duration.ofMinutes(1), Duration.ofSeconds(5)),
                new ObjectMapper(), clock);
    }

    private HttpResponse<String> post(String form, String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A clock a test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
