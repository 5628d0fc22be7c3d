package io.shopplatform.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.shopplatform.service.testing.TestTokens;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The gateway's token decoder on its own, against a key set this test publishes: each token is signed by a key the
 * decoder trusts and breaks exactly one rule of the user service's contract, so the rule is what refuses it. (The
 * end-to-end attacks with the real user service's tokens are {@code TokenIntegrationTests}.)
 */
class AccessTokenRulesTests {

    private static final TestTokens keys = TestTokens.isolated();
    private final ReactiveJwtDecoder decoder = new EdgeSecurity().accessTokens(
            new TokenProperties(URI.create(keys.jwksUri()), TestTokens.ISSUER, TestTokens.AUDIENCE));

    @AfterAll
    static void stop() {
        keys.close();
    }

    @Test
    void aTokenKeepingEveryRuleIsAccepted() {
        assertThat(decoder.decode(keys.token("alice", "CUSTOMER")).block().getSubject()).isEqualTo("alice");
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(keys.sign(keys.claims("alice").issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build(), TestTokens.ACCESS, kid()));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefused(keys.sign(keys.claims("alice").issuer("someone-else").build(), TestTokens.ACCESS, kid()));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(keys.sign(keys.claims("alice").audience(List.of("billing")).build(), TestTokens.ACCESS, kid()));
    }

    @Test
    void anIdTokenOrOtherTypeIsRefusedNotAnError() {
        assertRefused(keys.sign(keys.claims("alice").build(), JOSEObjectType.JWT, kid()));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        JWTClaimsSet noExpiry = new JWTClaimsSet.Builder(keys.claims("alice").build()).expirationTime(null).build();
        assertRefused(keys.sign(noExpiry, TestTokens.ACCESS, kid()));
    }

    private static String kid() {
        return "test";
    }

    /** Refused as a bad token (401 at the gateway), not as an error of the gateway (500). */
    private void assertRefused(String token) {
        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
    }
}
