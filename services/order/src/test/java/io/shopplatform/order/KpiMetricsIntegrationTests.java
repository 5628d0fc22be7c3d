package io.shopplatform.order;

import static io.shopplatform.model.BusinessMetric.CARTS;
import static io.shopplatform.model.BusinessMetric.CHECKOUTS;
import static io.shopplatform.model.BusinessMetric.ORDERS_PLACED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.model.BusinessMetric;
import io.shopplatform.service.testing.Scrape;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The order service's business KPIs as Prometheus scrapes them (the dashboards' conversion and cart abandonment):
 * carts started and checked out, checkouts placed, orders placed, each counted once per event.
 */
@OrderIntegrationTest
class KpiMetricsIntegrationTests {

    private static final Duration SAGA_ENDS = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @LocalManagementPort
    int management;

    @Test
    void oneCheckoutCountsOneCartOneCheckoutAndOneOrderPlaced() {
        Api api = new Api(port);
        Api.Product p = Api.stockedProduct("3.00", 10);
        Api.Shopper buyer = Api.shopper(), leaver = Api.shopper();
        Scrape before = Scrape.of(management);

        String cart = api.cartWith(buyer, p.id(), 1);
        assertThat(api.add(buyer.token(), null, p.id(), 2).status()).as("more of it: no new cart").isEqualTo(200);
        api.cartWith(leaver, p.id(), 1);   // never checked out: abandoned
        String key = UUID.randomUUID().toString(), card = Api.card();
        Api.Response order = api.checkout(buyer.token(), key, cart, card);
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        Api.Response again = api.checkout(buyer.token(), key, cart, card);   // a client's retry: a replay

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(Api.orderId(again)).as("the replay answers the same order").isEqualTo(Api.orderId(order));
        assertThat(ended(api, buyer, Api.orderId(order))).isEqualTo("CONFIRMED");
        Scrape after = Scrape.of(management);
        assertThat(moved(before, after, CARTS.series(), BusinessMetric.OUTCOME, BusinessMetric.STARTED))
                .as("carts started").isEqualTo(2);
        assertThat(moved(before, after, CARTS.series(), BusinessMetric.OUTCOME, "checked_out"))
                .as("carts checked out").isEqualTo(1);
        assertThat(moved(before, after, CHECKOUTS.series(), BusinessMetric.RESULT, BusinessMetric.PLACED))
                .as("checkouts placed (the replay is not one)").isEqualTo(1);
        assertThat(moved(before, after, CHECKOUTS.series(), BusinessMetric.RESULT, "replayed"))
                .as("checkouts replayed").isEqualTo(1);
        assertThat(moved(before, after, ORDERS_PLACED.series())).as("orders placed").isEqualTo(1);
    }

    @Test
    void aDeclinedCheckoutPlacesNoOrder() {
        Api api = new Api(port);
        Api.Product p = Api.stockedProduct("4.00", 10);
        Api.Shopper buyer = Api.shopper();
        String cart = api.cartWith(buyer, p.id(), 1);
        Scrape before = Scrape.of(management);

        Api.Response order = api.checkout(buyer.token(), UUID.randomUUID().toString(), cart, Api.decliningCard());

        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(ended(api, buyer, Api.orderId(order))).isEqualTo("CANCELLED");
        Scrape after = Scrape.of(management);
        assertThat(moved(before, after, CHECKOUTS.series(), BusinessMetric.RESULT, BusinessMetric.PLACED))
                .as("checkouts placed").isEqualTo(1);
        assertThat(moved(before, after, ORDERS_PLACED.series())).as("orders placed").isZero();
    }

    /**
     * The order's status once its saga has ended: on a busy machine a step can time out and leave the order PENDING
     * for the saga job, which counts it when it finishes.
     */
    private static String ended(Api api, Api.Shopper shopper, long order) {
        return await("the checkout saga ended").atMost(SAGA_ENDS).pollInterval(Duration.ofMillis(300))
                .until(() -> api.get("/api/v1/orders/" + order, shopper.token()).<String>json("$.status"),
                        status -> !status.equals("PENDING"));
    }

    private static double moved(Scrape before, Scrape after, String series, String... labels) {
        return after.value(series, labels) - before.value(series, labels);
    }
}
