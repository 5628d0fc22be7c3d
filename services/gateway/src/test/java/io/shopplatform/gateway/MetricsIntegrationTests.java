package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the HPA and the dashboards read from the management port. */
@GatewayIntegrationTest
class MetricsIntegrationTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int management;

    @Test
    void requestRateLatencyPerRouteAndStatusAndBreakerStatesAreExported() {
        Client client = new Client(port);
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/api/v1/categories").status()).isEqualTo(200);
        }
        client.get("/api/v1/orders/1");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = new Client(management).get("/actuator/prometheus").body();
            java.util.regex.Matcher rate = java.util.regex.Pattern.compile("(?m)^requests_per_second\\{[^}]*} (\\S+)$")
                    .matcher(metrics);
            assertThat(rate.find()).isTrue();
            assertThat(Double.parseDouble(rate.group(1))).isPositive();
            assertThat(metrics).containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*routeId=\"product\"[^}]*status=\"OK\"");
            assertThat(metrics).containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"order\"");
            assertThat(metrics).contains("shop_rate_limit_decisions_total");
        });
    }
}
