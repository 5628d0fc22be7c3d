package io.shopplatform.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.shopplatform.service.testing.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The decoder every service validates tokens with, against a JWKS served over HTTP as the user service serves it. */
class JwtValidationTests {

    final TestTokens tokens = TestTokens.isolated();

    @AfterEach
    void stop() {
        tokens.close();
    }

    JwtDecoder decoder(Duration keysCachedFor) {
        return decoder(keysCachedFor, Duration.ofSeconds(30));
    }

    /** A generous fetch timeout: these tests are about caching and key checks, and CI machines run at load 30. */
    JwtDecoder decoder(Duration keysCachedFor, Duration refetchAtMostEvery) {
        return JwtSecurityAutoConfiguration.decoder(new SecurityProperties(URI.create(tokens.jwksUri()), List.of(),
                TestTokens.ISSUER, TestTokens.AUDIENCE, Duration.ofSeconds(5), keysCachedFor, refetchAtMostEvery,
                Duration.ofHours(1), List.of()));
    }

    @Test
    void anAccessTokenOfTheContractIsAccepted() {
        assertThat(decoder(Duration.ofMinutes(5)).decode(tokens.token("alice", "ADMIN")).getClaimAsStringList("roles"))
                .containsExactly("ADMIN");
    }

    @Test
    void aTokenOfAnotherIssuerAudienceOrTypeIsRefused() {
        JwtDecoder decoder = decoder(Duration.ofMinutes(5));
        String kid = "test";

        assertThatThrownBy(() -> decoder.decode(tokens.sign(tokens.claims("alice").issuer("someone-else").build(),
                TestTokens.ACCESS, kid))).as("issuer").isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(tokens.sign(tokens.claims("alice").audience("payments-partner").build(),
                TestTokens.ACCESS, kid))).as("audience").isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(tokens.sign(tokens.claims("alice").build(),
                new JOSEObjectType("refresh+jwt"), kid))).as("a refresh token").isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(tokens.sign(tokens.claims("alice").build(), null, kid)))
                .as("no type").isInstanceOf(JwtException.class);
    }

    /** Random key ids would each force a synchronous JWKS fetch; they are refused without one past the rate limit. */
    @Test
    void unknownKeyIdsDoNotStormTheJwks() {
        JwtDecoder decoder = decoder(Duration.ofMinutes(5));
        decoder.decode(tokens.token("alice"));
        int fetched = tokens.fetches();

        for (int i = 0; i < 20; i++) {
            JWTClaimsSet claims = tokens.claims("mallory").build();
            String forged = tokens.sign(claims, TestTokens.ACCESS, UUID.randomUUID().toString());
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        }

        assertThat(tokens.fetches() - fetched).as("JWKS fetches for 20 unknown kids (rate-limited)").isLessThanOrEqualTo(2);
    }

    /** With the user service down after the cache expired, the last good keys still validate tokens. */
    @Test
    void theLastGoodKeysOutliveAUserServiceOutage() {
        JwtDecoder decoder = decoder(Duration.ofMillis(200), Duration.ofMillis(100));
        String token = tokens.token("alice", "CUSTOMER");
        decoder.decode(token);

        tokens.down(true);
        // Each decode must succeed; done once the decoder has tried (and failed) to refresh the expired keys.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            decoder.decode(token);
            return tokens.fetchesWhileDown() > 0;
        });

        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
    }
}
