package io.shopplatform.inventory.stock;

import static io.shopplatform.model.BusinessMetric.UNITS_ON_HAND;
import static io.shopplatform.model.BusinessMetric.UNITS_SOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.inventory.Api;
import io.shopplatform.inventory.InventoryIntegrationTest;
import io.shopplatform.service.testing.Scrape;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Inventory turnover's parts as Prometheus scrapes them: units sold once per confirmed order, units on hand. */
@InventoryIntegrationTest
class StockMetricsIntegrationTests {

    private static final Duration GAUGE_FOLLOWS = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @LocalManagementPort
    int management;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aConfirmedOrderSellsItsUnitsOnceAndTheGaugeFollowsTheStock() {
        Api api = new Api(port);
        long order = Api.newOrderId();
        double onHand = awaitGaugeAtDatabaseSum();
        double sold = Scrape.of(management).value(UNITS_SOLD.series());

        String sku = api.stocked(10);
        assertThat(api.reserve(order, sku, 3).status()).as("reserved").isEqualTo(201);
        Api.Response confirmed = api.post("/api/v1/inventory/reservations/" + order + "/confirm", "", Api.ORDER_SERVICE);
        Api.Response again = api.post("/api/v1/inventory/reservations/" + order + "/confirm", "", Api.ORDER_SERVICE);

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(again.status()).as("a repeated confirm answers the same").isEqualTo(200);
        assertThat(Scrape.of(management).value(UNITS_SOLD.series()) - sold).as("units sold").isEqualTo(3);
        assertThat(awaitGaugeAtDatabaseSum() - onHand).as("units on hand: 10 received, 3 sold").isEqualTo(7);
    }

    /** The gauge once it shows the database's sum (it reads it on a schedule). */
    private double awaitGaugeAtDatabaseSum() {
        return await("units on hand as the database sums them").atMost(GAUGE_FOLLOWS)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Scrape.of(management).value(UNITS_ON_HAND.series()), gauge -> gauge == databaseSum());
    }

    private double databaseSum() {
        Long sum = jdbc.queryForObject("/*NO LOAD BALANCE*/ SELECT coalesce(sum(quantity_on_hand), 0) FROM"
                + " inventory.stock", Long.class);
        return sum == null ? 0 : sum;
    }
}
