package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import static io.shopplatform.gateway.GatewayIntegrationTest.BURST;
import static io.shopplatform.gateway.GatewayIntegrationTest.REPLENISH_PER_SECOND;

import io.shopplatform.testing.DataTier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Per-client limits (lowered for the tests: {@link GatewayIntegrationTest#BURST}), kept in the shared tier's Redis. */
@GatewayIntegrationTest
class RateLimitIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void aClientBeyondItsBurstGets429ProblemWithRetryAfterWhileOthersAreServed() throws Exception {
        Shopper greedy = Shopper.signedUp(port);
        String token = greedy.accessToken();
        Client client = new Client(port);
        // Calls until the first 429: the bucket refills while they run, so how many pass depends on how fast this
        // machine sends them; the bound is the burst plus what the replenish rate added in that time.
        long started = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        Client.Response last = null;
        while (statuses.size() < 500 && !statuses.contains(429)) {
            last = client.get("/api/v1/payments/limited", token);
            statuses.add(last.status());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long passed = statuses.stream().filter(s -> s == 200).count();

        assertThat(statuses).contains(429).containsOnly(200, 429);
        assertThat(passed).isBetween(BURST, BURST + (long) Math.ceil(REPLENISH_PER_SECOND * seconds) + 1);
        // Refused like every other gateway error: problem+json, and when to come back (one token's refill).
        assertThat(last.isProblem()).isTrue();
        assertThat(last.<Integer>json("$.status")).isEqualTo(429);
        assertThat(last.header("Retry-After")).isEqualTo("1");
        assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
        // The bucket is the token's subject (the account), and lives in Redis, where every replica finds it: under the
        // tests' scope, not among the developer's shop's buckets.
        String bucket = "request_rate_limiter.{user:" + greedy.id() + "}.tokens";
        assertThat(redis.hasKey(DataTier.TESTS.key(bucket)).block()).isTrue();
        assertThat(redis.hasKey(bucket).block()).isFalse();
        // Another client, even from the same address, is unaffected.
        assertThat(client.get("/api/v1/payments/limited", Shopper.signedUp(port).accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aLimitedAnswerSaysHowMuchIsLeft() {
        Client.Response r = new Client(port).get("/api/v1/payments/limited");

        assertThat(r.header("X-RateLimit-Remaining")).isEqualTo(Long.toString(BURST - 1));
        assertThat(r.header("X-RateLimit-Burst-Capacity")).isEqualTo(Long.toString(BURST));
    }
}
