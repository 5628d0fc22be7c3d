package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Per-client limits (lowered to 10/s, burst 20 for the tests), kept in the shared tier's Redis. */
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
        List<Integer> statuses;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = IntStream.range(0, 40)
                    .<Callable<Integer>>mapToObj(i -> () -> client.get("/api/v1/payments/limited", token).status()).toList();
            statuses = pool.invokeAll(calls).stream().map(RateLimitIntegrationTests::get).toList();
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).contains(429).contains(200).containsOnly(200, 429);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isBetween(20L, 30L);
        // The bucket lives in Redis, where every replica finds it.
        assertThat(redis.hasKey("request_rate_limiter.{user:" + greedy + "}.tokens").block()).isTrue();
        // Another client is unaffected.
        assertThat(client.get("/api/v1/payments/limited", Tokens.shared().token("modest-" + UUID.randomUUID())).status())
                .isEqualTo(200);
    }

    @Test
    void aLimitedAnswerSaysHowMuchIsLeft() {
        Client.Response r = new Client(port).get("/api/v1/payments/limited", Tokens.shared().token("counted-" + UUID.randomUUID()));

        assertThat(r.header("X-RateLimit-Remaining")).isEqualTo("19");
        assertThat(r.header("X-RateLimit-Burst-Capacity")).isEqualTo("20");
    }

    private static int get(Future<Integer> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
