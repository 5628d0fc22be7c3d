package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;

/** A service that is down or slow costs the shopper a fast 503/504 problem, never a hang. */
@GatewayIntegrationTest
class ResilienceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    @Test
    void aDeadServiceOpensItsBreakerAndShoppersGetAFast503() {
        Client client = new Client(port);
        List<Client.Response> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(client.get("/api/v1/orders/" + i));
        }

        assertThat(answers).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.isProblem()).isTrue();
            assertThat(r.header("Retry-After")).isEqualTo("5");
        });
        assertThat(breakers.getCircuitBreakerRegistry().circuitBreaker("order").getState().name()).isEqualTo("OPEN");
        // Open: answered without trying the service at all.
        assertThat(answers.get(9).took()).isLessThan(Duration.ofMillis(500));
        // One dead service leaves the others alone.
        assertThat(client.get("/api/v1/categories").status()).isEqualTo(200);
    }

    @Test
    void aSlowServiceIs504AfterTheRoutesTimeLimit() {
        Client.Response r = new Client(port).get("/api/v1/inventory/slow");

        assertThat(r.status()).isEqualTo(504);
        assertThat(r.isProblem()).isTrue();
        // Cut at the time limit, well before the stand-in would have answered (15 s).
        Duration limit = Duration.ofSeconds(GatewayIntegrationTest.BACKEND_TIMEOUT_SECONDS);
        assertThat(r.took()).isBetween(limit.minusMillis(100), limit.plusMillis(4900));
    }

    @Test
    void manyShoppersAtOnceAreAllServed() throws Exception {
        int shoppers = 40;   // more than resilience4j's default bulkhead of 25 calls in flight
        ExecutorService pool = Executors.newFixedThreadPool(shoppers);
        List<Future<Client.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < shoppers; i++) {
                Client shopper = new Client(port);   // an address, and so a rate-limit bucket, of its own
                answers.add(pool.submit(() -> shopper.get("/api/v1/inventory/held")));
            }
            for (Future<Client.Response> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(StandIns.shared().mostInFlight()).as("in flight at once").isGreaterThan(25);
        assertThat(breakers.getCircuitBreakerRegistry().circuitBreaker("inventory").getState().name())
                .isEqualTo("CLOSED");
    }

    @Test
    void onlySafeMethodsAreRetried() {
        Client client = new Client(port);
        Client.Response get = client.get("/api/v1/payments/unavailable");
        Client.Response post = client.send(client.request("/api/v1/payments/unavailable")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{}")));

        assertThat(get.status()).isEqualTo(503);
        assertThat(post.status()).isEqualTo(503);
        assertThat(StandIns.shared().calls("GET /api/v1/payments/unavailable")).isEqualTo(2);
        assertThat(StandIns.shared().calls("POST /api/v1/payments/unavailable")).isEqualTo(1);
    }
}
