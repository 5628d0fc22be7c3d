package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The gateway checks every token it is shown; a bad one is 401 problem+json and never reaches a service. */
@GatewayIntegrationTest
class TokenIntegrationTests {

    @LocalServerPort
    int port;

    private final Tokens tokens = Tokens.shared();

    @Test
    void aValidAccessTokenReachesTheService() {
        String token = tokens.token("alice");
        Client.Response r = new Client(port).get("/api/v1/payments/echo", token);

        assertThat(r.status()).isEqualTo(200);
        assertThat((String) r.json("$.authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String[] parts = tokens.token("alice").split("\\.");
        String forged = parts[0] + "." + Base64URL.encode("{\"sub\":\"admin\",\"iss\":\"shop-user\",\"aud\":[\"shop\"],"
                + "\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}") + "." + parts[2];
        assertRefused(forged);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String claims = tokens.token("alice").split("\\.")[1];
        assertRefused(header + "." + claims + ".");
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(tokens.withClaims("alice", c -> c.issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefused(tokens.withClaims("alice", c -> c.issuer("someone-else")));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(tokens.withClaims("alice", c -> c.audience(List.of("billing"))));
    }

    @Test
    void anIdTokenOrOtherTypeIsRefusedWith401NotA500() {
        assertRefused(tokens.withHeader("alice", h -> h.type(JOSEObjectType.JWT)));
    }

    @Test
    void aTokenSignedWithAnUnpublishedKeyIsRefused() {
        assertRefused(tokens.fromUnknownKey("alice"));
    }

    @Test
    void garbageIsRefused() {
        assertRefused("not.a.token");
    }

    private void assertRefused(String token) {
        int before = StandIns.shared().calls("GET /api/v1/payments/echo");
        Client.Response r = new Client(port).get("/api/v1/payments/echo", token);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(StandIns.shared().calls("GET /api/v1/payments/echo")).isEqualTo(before);
    }
}
