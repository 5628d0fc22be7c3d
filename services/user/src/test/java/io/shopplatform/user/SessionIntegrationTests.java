package io.shopplatform.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.EndedSessions;
import io.shopplatform.testing.DataTier;
import io.shopplatform.user.keys.TokenProperties;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Sessions and refresh tokens: rotation, reuse revoking the family, logout and password change ending them all,
 * and each ended session marked in Redis for the gateway while its access tokens may live.
 */
@UserIntegrationTest
class SessionIntegrationTests extends RegisteredShopper {

    @Autowired
    TokenProperties tokens;

    @Test
    void aRefreshRotatesTheRefreshTokenAndIssuesANewAccessToken() {
        Api.Session s = api.loggedIn(email, Api.GOOD_PASSWORD);

        Api.Response r = api.refresh(s.refreshToken());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.<String>json("$.refreshToken")).isNotEqualTo(s.refreshToken());
        assertThat(api.get("/api/v1/users/me", r.json("$.accessToken")).status()).isEqualTo(200);
        assertThat(api.refresh(r.json("$.refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void aReusedRefreshTokenRevokesItsWholeFamilyButNotOtherSessions() {
        Api.Session stolen = api.loggedIn(email, Api.GOOD_PASSWORD);
        Api.Session otherDevice = api.loggedIn(email, Api.GOOD_PASSWORD);
        Api.Response ownerRefresh = api.refresh(stolen.refreshToken());
        String ownersNewRefresh = ownerRefresh.json("$.refreshToken");

        Api.Response replay = api.refresh(stolen.refreshToken());

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.refresh(ownersNewRefresh).status()).as("the family's newest token").isEqualTo(401);
        assertThat(api.get("/api/v1/users/me", ownerRefresh.json("$.accessToken")).status())
                .as("the family's access token, here").isEqualTo(401);
        assertThat(Rows.count("SELECT 1 FROM users.refresh_tokens WHERE account_id = ?::uuid AND revoked_at IS NULL", id))
                .as("only the other device's token is live").isEqualTo(1);
        assertThat(api.refresh(otherDevice.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void aReusedRefreshTokenMarksOnlyItsOwnSessionEndedForTheGateway() {
        Api.Session stolen = api.loggedIn(email, Api.GOOD_PASSWORD);
        Api.Session otherDevice = api.loggedIn(email, Api.GOOD_PASSWORD);
        assertThat(api.refresh(stolen.refreshToken()).status()).isEqualTo(200);

        assertThat(api.refresh(stolen.refreshToken()).status()).isEqualTo(401);

        try (JedisPooled redis = tierRedis()) {
            assertThat(redis.pttl(endedKey(stolen))).isBetween(1L, tokens.accessTtl().plus(EndedSessions.CLOCK_SKEW).toMillis());
            assertThat(redis.exists(endedKey(otherDevice))).isFalse();
        }
    }

    @Test
    void logoutEndsEverySessionOfTheUserAtOnce() {
        Api.Session phone = api.loggedIn(email, Api.GOOD_PASSWORD);
        Api.Session laptop = api.loggedIn(email, Api.GOOD_PASSWORD);

        assertThat(api.post("/api/v1/auth/logout", "", phone.accessToken()).status()).isEqualTo(204);

        assertThat(api.refresh(phone.refreshToken()).status()).isEqualTo(401);
        assertThat(api.refresh(laptop.refreshToken()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/users/me", laptop.accessToken()).status()).isEqualTo(401);
        assertThat(Rows.count("SELECT 1 FROM users.refresh_tokens WHERE account_id = ?::uuid AND revoked_at IS NULL", id))
                .isZero();
        assertThat(api.loggedIn(email, Api.GOOD_PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void logoutMarksEverySessionEndedForTheGatewayWhileItsAccessTokensLive() {
        Api.Session phone = api.loggedIn(email, Api.GOOD_PASSWORD);
        Api.Session laptop = api.loggedIn(email, Api.GOOD_PASSWORD);

        assertThat(api.post("/api/v1/auth/logout", "", phone.accessToken()).status()).isEqualTo(204);

        try (JedisPooled redis = tierRedis()) {
            for (Api.Session s : List.of(phone, laptop)) {
                assertThat(redis.pttl(endedKey(s))).as("marker of %s", sid(s))
                        .isBetween(1L, tokens.accessTtl().plus(EndedSessions.CLOCK_SKEW).toMillis());
            }
        }
    }

    @Test
    void aPasswordChangeEndsEverySessionAndOnlyTheNewPasswordWorks() {
        Api.Session s = api.loggedIn(email, Api.GOOD_PASSWORD);
        String newPassword = "a brand new passphrase";

        Api.Response wrongCurrent = api.post("/api/v1/users/me/password", """
                {"currentPassword": "not it at all", "newPassword": "%s"}""".formatted(newPassword), s.accessToken());
        Api.Response changed = api.post("/api/v1/users/me/password", """
                {"currentPassword": "%s", "newPassword": "%s"}""".formatted(Api.GOOD_PASSWORD, newPassword),
                s.accessToken());

        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.<String>json("$.errors[0].field")).isEqualTo("currentPassword");
        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.refresh(s.refreshToken()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/users/me", s.accessToken()).status()).isEqualTo(401);
        assertThat(api.login(email, Api.GOOD_PASSWORD).status()).isEqualTo(401);
        assertThat(api.login(email, newPassword).status()).isEqualTo(200);
        try (JedisPooled redis = tierRedis()) {
            assertThat(redis.exists(endedKey(s))).as("marked ended for the gateway").isTrue();
        }
    }

    @Test
    void aSessionLivesInRedisForTheSeedsDayAndSurvivesItsLossFromRedis() {
        Api.Session s = api.loggedIn(email, Api.GOOD_PASSWORD);
        String key = DataTier.shared().scope().key("session:{" + id + "}:" + sid(s));   // the tests' keys
        try (JedisPooled redis = tierRedis()) {
            long ttl = redis.pttl(key);
            assertThat(ttl).isBetween(23L * 3600_000, 24L * 3600_000);

            redis.del(key);   // Redis lost it (a restart without persistence): PostgreSQL still has the session

            assertThat(api.get("/api/v1/users/me", s.accessToken()).status()).isEqualTo(200);
            assertThat(redis.exists(key)).as("written back").isTrue();
        }
    }

    private static UUID sid(Api.Session s) {
        return UUID.fromString(Jwts.parse(s.accessToken()).getPayload().toJSONObject().get("sid").toString());
    }

    private String endedKey(Api.Session s) {
        return DataTier.shared().scope().key(EndedSessions.key(UUID.fromString(id), sid(s)));
    }

    /** The tier's Redis, which the service writes sessions and their markers to. */
    private static JedisPooled tierRedis() {
        DataTier tier = DataTier.shared();
        HostAndPort node = HostAndPort.from(tier.redisNodes().split(",")[0]);
        return new JedisPooled(node.getHost(), node.getPort(), null, tier.redisPassword());
    }
}
