package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.shopplatform.user.Api;
import io.shopplatform.user.Rows;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * End to end with the real user service: a login through the gateway hands out a token that the gateway and the
 * services accept; what an attacker makes of such a token (here Mallory, to act as Alice and an admin) is 401
 * problem+json at the gateway and changes nothing. The gateway's checks of a well-signed token (issuer, audience,
 * type, expiry) are {@code security.AccessTokenRulesTests}. A token of a session that ended (logout, account
 * deletion) is refused at the gateway at once, before any service sees it, not only when it expires.
 */
@GatewayIntegrationTest
class TokenIntegrationTests {

    @LocalServerPort
    int port;

    Shopper mallory, alice;

    @BeforeEach
    void twoShoppers() {
        mallory = Shopper.signedUp(port);
        alice = Shopper.signedUp(port);
    }

    @Test
    void theAccessTokenOfALoginThroughTheGatewayReachesTheServices() {
        Api.Response me = mallory.api().get("/api/v1/users/me", mallory.accessToken());
        Client.Response catalog = new Client(port).get("/api/v1/categories", mallory.accessToken());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.<String>json("$.email")).isEqualTo(mallory.email());
        assertThat(catalog.status()).isEqualTo(200);
    }

    @Test
    void theKeySetIsNotRoutedPublicly() {
        assertThat(new Client(port).get("/.well-known/jwks.json").status()).isEqualTo(404);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        assertRefused(ForgedTokens.tampered(mallory.accessToken(), asAliceTheAdmin()));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertRefused(ForgedTokens.unsigned(mallory.accessToken(), asAliceTheAdmin()));
    }

    @Test
    void anHmacKeyedWithThePublishedPublicKeyIsRefused() {
        URI jwks = URI.create(Services.user().url() + "/.well-known/jwks.json");
        assertRefused(ForgedTokens.hmacWithThePublicKey(mallory.accessToken(), jwks, asAliceTheAdmin()));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String kid = ForgedTokens.parse(mallory.accessToken()).getHeader().getKeyID();
        assertRefused(ForgedTokens.signedByAttacker(mallory.accessToken(), kid, c -> asAliceTheAdmin().apply(c)
                .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(1800)))));
    }

    @Test
    void aTokenFromAnUnknownKeyIsRefused() {
        assertRefused(ForgedTokens.signedByAttacker(mallory.accessToken(), ForgedTokens.attackersKid(), asAliceTheAdmin()));
    }

    @Test
    void garbageIsRefused() {
        assertRefused("not.a.token");
    }

    @Test
    void aLoggedOutSessionsAccessTokenIsRefusedAtOnce() {
        String token = mallory.accessToken();
        assertThat(mallory.api().post("/api/v1/auth/logout", "", token).status()).isEqualTo(204);

        assertEndedAtTheGateway(token, "/api/v1/payments/after-logout");
        assertRefused(token);
    }

    @Test
    void aDeletedAccountsAccessTokenIsRefusedAtOnceAndChangesNothing() {
        String token = alice.accessToken();
        Api.Response deleted = alice.api().delete("/api/v1/users/me", "{\"password\": \"" + Api.GOOD_PASSWORD + "\"}",
                token);
        assertThat(deleted.status()).isEqualTo(204);

        assertEndedAtTheGateway(token, "/api/v1/payments/after-deletion");
        assertRefused(token);
    }

    /** 401 problem+json from the gateway itself: the echo stand-in, which takes any request, never saw it. */
    private void assertEndedAtTheGateway(String token, String path) {
        Client.Response r = new Client(port).get(path, token);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(StandIns.shared().calls("GET " + path)).isZero();
    }

    private UnaryOperator<JWTClaimsSet.Builder> asAliceTheAdmin() {
        return c -> c.subject(alice.id()).claim("roles", List.of("CUSTOMER", "ADMIN"));
    }

    /** Mallory tries to rename Alice with the forged token: 401 at the gateway, no table touched. */
    private void assertRefused(String forged) {
        UserTables before = UserTables.now();
        Api.Response r = mallory.api().put("/api/v1/users/me", "{\"displayName\": \"pwned\"}", forged);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.<Integer>json("$.status")).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(UserTables.now()).isEqualTo(before);
        assertThat(Rows.one("SELECT display_name FROM users.accounts WHERE id = ?::uuid", alice.id())).isNull();
    }
}
