package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import static io.shopplatform.gateway.GatewayIntegrationTest.BURST;
import static io.shopplatform.gateway.GatewayIntegrationTest.REPLENISH_PER_SECOND;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
    void aClientBeyondItsBurstGets429WhileOthersAreServed() throws Exception {
        String greedy = "greedy-" + UUID.randomUUID();
        String token = Tokens.shared().token(greedy);
        Client client = new Client(port);
        // Calls until the first 429: the bucket refills while they run, so how many pass depends on how fast this
        // machine sends them; the bound is the burst plus what the replenish rate added in that time.
        long started = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        while (statuses.size() < 500 && !statuses.contains(429)) {
            statuses.add(client.get("/api/v1/payments/limited", token).status());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long passed = statuses.stream().filter(s -> s == 200).count();

        assertThat(statuses).contains(429).containsOnly(200, 429);
        assertThat(passed).isBetween(BURST, BURST + (long) Math.ceil(REPLENISH_PER_SECOND * seconds) + 1);
        // The bucket lives in Redis, where every replica finds it.
        assertThat(redis.hasKey("request_rate_limiter.{user:" + greedy + "}.tokens").block()).isTrue();
        // Another client is unaffected.
        assertThat(client.get("/api/v1/payments/limited", Tokens.shared().token("modest-" + UUID.randomUUID())).status())
                .isEqualTo(200);
    }

    @Test
    void aLimitedAnswerSaysHowMuchIsLeft() {
        Client.Response r = new Client(port).get("/api/v1/payments/limited", Tokens.shared().token("counted-" + UUID.randomUUID()));

        assertThat(r.header("X-RateLimit-Remaining")).isEqualTo(Long.toString(BURST - 1));
        assertThat(r.header("X-RateLimit-Burst-Capacity")).isEqualTo(Long.toString(BURST));
    }
}
