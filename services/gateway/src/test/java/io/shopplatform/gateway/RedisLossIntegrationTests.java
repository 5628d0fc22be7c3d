package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.service.testing.ThrowawayServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis stopped (SIGKILL) under the gateway and started again: rate limits fall back to local buckets, and tokens
 * pass on their signature alone, their sessions unchecked (counted), until Redis answers again. The only gateway
 * of its own in the test run: the shared tier's Redis is never killed, other tests use it. Its Redis has the
 * tier's authentication.
 */
@GatewayIntegrationTest
class RedisLossIntegrationTests {

    static final ThrowawayServer redis = ThrowawayServer.redis();

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("shop.gateway.redis.nodes", redis::address);
        registry.add("shop.gateway.redis.password", () -> ThrowawayServer.PASSWORD);
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void withoutRedisTheGatewayKeepsServingWithinBoundedLatencyAndLimitsLocallyThenSharesAgain() {
        Client client = new Client(port);
        String token = Shopper.signedUp(port).accessToken();
        // The first call on a new connection (AUTH, loading the script) may miss the 100 ms command limit on a
        // loaded machine and be decided locally: wait until Redis decides one and finds a session live.
        await("a decision made in Redis").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.get("/api/v1/payments/before", token).status()).isEqualTo(200);
            assertThat(decisions("redis")).isPositive();
            assertThat(sessionChecks("live")).isPositive();
        });
        double shared = decisions("redis");
        double unchecked = sessionChecks("unchecked"), live = sessionChecks("live");

        redis.kill();
        List<Client.Response> during = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            during.add(client.get("/api/v1/payments/during", token));
        }
        // Served, and never near Lettuce's 60 s default: at most one Redis time limit (150 ms) each, plus the hop.
        assertThat(during).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.took()).isLessThan(Duration.ofMillis(1000));
        });
        assertThat(decisions("local")).isGreaterThanOrEqualTo(15);
        assertThat(decisions("redis")).isEqualTo(shared);
        assertThat(sessionChecks("unchecked")).isGreaterThanOrEqualTo(unchecked + 15);

        // Limits still hold, per instance: calls beyond the burst (plus what refilled meanwhile) get 429.
        String greedy = Shopper.signedUp(port).accessToken();
        List<Integer> statuses = new ArrayList<>();
        while (statuses.size() < 500 && !statuses.contains(429)) {
            statuses.add(client.get("/api/v1/payments/during", greedy).status());
        }
        assertThat(statuses).contains(429);

        redis.start();
        await("rate limits shared in Redis again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    client.get("/api/v1/payments/after", token);
                    assertThat(decisions("redis")).isGreaterThan(shared);
                    assertThat(sessionChecks("live")).isGreaterThan(live);
                });
    }

    private double sessionChecks(String result) {
        return meters.get("shop_gateway_session_checks").tag("result", result).counter().count();
    }

    private double decisions(String store) {
        return meters.get("shop_rate_limit_decisions").tag("store", store).counter().count();
    }
}
