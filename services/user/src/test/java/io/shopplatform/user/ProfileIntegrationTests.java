package io.shopplatform.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.testing.DataTier;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** The profile: the owner's own, cached in Redis, read-your-writes after an update, bad input named. */
@UserIntegrationTest
class ProfileIntegrationTests {

    @LocalServerPort
    int port;
    Api api;
    String id;
    Api.Session session;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        String email = Api.uniqueEmail();
        id = api.registered(email);
        session = api.loggedIn(email, Api.GOOD_PASSWORD);
    }

    @Test
    void theOwnerReadsTheirOwnUpdateAtOnceEveryTime() {
        api.get("/api/v1/users/me", session.accessToken());   // cached before the updates
        for (int i = 0; i < 20; i++) {
            String name = "Ann " + i;

            Api.Response updated = api.put("/api/v1/users/me", "{\"displayName\": \"" + name + "\"}", session.accessToken());
            Api.Response read = api.get("/api/v1/users/me", session.accessToken());

            assertThat(updated.status()).isEqualTo(200);
            assertThat(read.<String>json("$.displayName")).isEqualTo(name);
            assertThat(read.<Integer>json("$.version")).isEqualTo(i + 1);
        }
    }

    @Test
    void aProfileIsCachedInRedisWithItsPolicysLifetime() {
        api.get("/api/v1/users/me", session.accessToken());

        DataTier tier = DataTier.shared();
        HostAndPort node = HostAndPort.from(tier.redisNodes().split(",")[0]);
        try (JedisPooled redis = new JedisPooled(node.getHost(), node.getPort(), null, tier.redisPassword())) {
            String key = tier.scope().key("profile.v1:" + id);   // the tests' key, beside the developer's shop's
            String cached = redis.get(key);
            assertThat(cached).contains(id).doesNotContain("$2a$");
            assertThat(redis.pttl(key)).isBetween(29L * 60_000, 30L * 60_000);
        }
    }

    @Test
    void anOversizedOrControlCharacterNameIsRefusedAndTheProfileStaysAsItWas() {
        api.put("/api/v1/users/me", "{\"displayName\": \"Ann\"}", session.accessToken());

        Api.Response tooLong = api.put("/api/v1/users/me", "{\"displayName\": \"" + "x".repeat(101) + "\"}",
                session.accessToken());
        Api.Response control = api.put("/api/v1/users/me", "{\"displayName\": \"Ann\\u0000\"}", session.accessToken());
        Api.Response role = api.put("/api/v1/users/me", "{\"displayName\": \"Ann\", \"roles\": [\"ADMIN\"]}",
                session.accessToken());

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.<List<String>>json("$.errors[*].field")).containsExactly("displayName");
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.<List<String>>json("$.errors[*].field")).containsExactly("displayName");
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.<List<String>>json("$.errors[*].field")).containsExactly("roles");
        Api.Response read = api.get("/api/v1/users/me", session.accessToken());
        assertThat(read.<String>json("$.displayName")).isEqualTo("Ann");
        assertThat(read.<List<String>>json("$.roles")).containsExactly("CUSTOMER");
    }

    @Test
    void malformedJsonIsA400NamingTheBody() {
        Api.Response r = api.put("/api/v1/users/me", "{\"displayName\": ", session.accessToken());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactly("body");
    }
}
