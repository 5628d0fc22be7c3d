package io.shopplatform.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Login: the token's contract, no enumeration by answer or by time, and the limits on failed attempts. */
@UserIntegrationTest
class LoginIntegrationTests extends RegisteredShopper {

    @Test
    void aLoginReturnsAnAccessTokenOfTheAgreedShapeAndARefreshToken() throws ParseException {
        Api.Response r = api.login(email, Api.GOOD_PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.<String>json("$.tokenType")).isEqualTo("Bearer");
        assertThat(r.<String>json("$.refreshToken")).hasSizeGreaterThanOrEqualTo(43).doesNotContain(".");
        SignedJWT jwt = Jwts.parse(r.json("$.accessToken"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("shop-user");
        assertThat(claims.getAudience()).containsExactly("shop");
        assertThat(claims.getSubject()).isEqualTo(id);
        assertThat(claims.getStringListClaim("roles")).containsExactly("CUSTOMER");
        Duration lifetime = Duration.between(Instant.now(), claims.getExpirationTime().toInstant());
        assertThat(lifetime).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(r.<Integer>json("$.expiresIn")).isBetween(14 * 60, 15 * 60);
        assertThat(Jwts.verifiesAgainstJwks(api, r.json("$.accessToken"))).isTrue();
    }

    @Test
    void theAccessTokenOpensTheProfileAndNoTokenOrAForgedOneDoesNot() {
        Api.Session s = api.loggedIn(email, Api.GOOD_PASSWORD);
        String[] parts = s.accessToken().split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(api.get("/api/v1/users/me", s.accessToken()).<String>json("$.id")).isEqualTo(id);
        assertThat(api.get("/api/v1/users/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/users/me", forged).status()).isEqualTo(401);
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameAnswerInTheSameTime() {
        List<Long> unknown = new ArrayList<>(), wrong = new ArrayList<>();
        Api.Response unknownAnswer = null, wrongAnswer = null;
        // Interleaved, on fresh emails each round (so no limit kicks in), medians against the machine's noise.
        for (int i = 0; i < 9; i++) {
            String registered = Api.uniqueEmail();
            api.registered(registered);
            long t0 = System.nanoTime();
            unknownAnswer = api.login(Api.uniqueEmail(), Api.GOOD_PASSWORD);
            long t1 = System.nanoTime();
            wrongAnswer = api.login(registered, "not the password at all");
            long t2 = System.nanoTime();
            unknown.add(t1 - t0);
            wrong.add(t2 - t1);
        }

        assertThat(unknownAnswer.status()).isEqualTo(401);
        assertThat(wrongAnswer.status()).isEqualTo(401);
        assertThat(unknownAnswer.<String>json("$.detail")).isEqualTo(wrongAnswer.json("$.detail"));
        assertThat(unknownAnswer.<String>json("$.title")).isEqualTo(wrongAnswer.json("$.title"));
        long u = median(unknown), w = median(wrong);
        System.out.printf("LOGIN TIMING: unknown email median %.1f ms, wrong password median %.1f ms%n", u / 1e6, w / 1e6);
        // Both pay one BCrypt comparison: neither median is a fraction of the other.
        assertThat((double) u).isBetween(0.6 * w, 1.0 / 0.6 * w);
    }

    @Test
    void theSixthWrongPasswordWithinAMinuteIsRefusedWith429AndRetryAfter() {
        for (int i = 0; i < 5; i++) {
            assertThat(api.login(email, "wrong password " + i).status()).isEqualTo(401);
        }

        Api.Response sixth = api.login(email, "wrong password 5");
        Api.Response evenTheRightOne = api.login(email, Api.GOOD_PASSWORD);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Integer.parseInt(sixth.header("Retry-After"))).isBetween(1, 60);
        assertThat(evenTheRightOne.status()).isEqualTo(429);
        // Another shopper is not locked out by this one's attacker.
        String other = Api.uniqueEmail();
        new Api(port).registered(other);
        assertThat(new Api(port).login(other, Api.GOOD_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anUnknownEmailIsLimitedLikeARegisteredOne() {
        String unknown = Api.uniqueEmail();
        for (int i = 0; i < 5; i++) {
            assertThat(api.login(unknown, "wrong password").status()).isEqualTo(401);
        }

        assertThat(api.login(unknown, "wrong password").status()).isEqualTo(429);
    }

    @Test
    void failedLoginsFromOneAddressAreLimitedAcrossEmails() {
        Api.Response last = null;
        for (int i = 0; i < 30; i++) {
            last = api.login(Api.uniqueEmail(), "wrong password");
            assertThat(last.status()).isEqualTo(401);
        }

        Api.Response next = api.login(email, Api.GOOD_PASSWORD);

        assertThat(next.status()).isEqualTo(429);
        assertThat(next.header("Retry-After")).isNotNull();
        assertThat(new Api(port).login(email, Api.GOOD_PASSWORD).status()).as("from another address").isEqualTo(200);
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
