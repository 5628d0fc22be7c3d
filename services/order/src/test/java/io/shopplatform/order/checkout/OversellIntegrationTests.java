package io.shopplatform.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.order.Api;
import io.shopplatform.order.OrderIntegrationTest;
import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.PaymentSimulators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 200 shoppers check out the last 10 units at once: exactly 10 orders confirm, and only they are charged and
 * captured, once each (the provider simulators' journals say so).
 */
@OrderIntegrationTest
class OversellIntegrationTests {

    static final int SHOPPERS = 200, UNITS = 10;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoHundredConcurrentCheckoutsOfTenUnitsConfirmExactlyTen() throws Exception {
        Api api = new Api(port);
        Api.Product p = Api.stockedProduct("9.99", UNITS);
        List<Api.Shopper> shoppers = new ArrayList<>();
        List<String> carts = new ArrayList<>(), cards = new ArrayList<>();
        for (int i = 0; i < SHOPPERS; i++) {
            Api.Shopper s = Api.shopper();
            shoppers.add(s);
            carts.add(api.cartWith(s, p.id(), 1));
            cards.add(Api.card());
        }

        ExecutorService pool = Executors.newFixedThreadPool(SHOPPERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < SHOPPERS; i++) {
            int n = i;
            answers.add(pool.submit(() -> {
                start.await();
                String key = UUID.randomUUID().toString();
                // As a shop client does: no database connection in time (503, Retry-After) is retried with the same key.
                return JsonHttp.retryingWhileBusy(30, () -> api.checkout(shoppers.get(n).token(), key, carts.get(n),
                        cards.get(n)));
            }));
        }
        start.countDown();
        List<Long> orders = new ArrayList<>();
        for (Future<Api.Response> f : answers) {
            Api.Response r = f.get();
            assertThat(r.status()).as(r.body()).isIn(200, 201);
            orders.add(Api.orderId(r));
        }
        pool.shutdown();

        // A reserve that met a busy database is retried by the saga job: wait until every saga has finished.
        await().atMost(Duration.ofMinutes(3)).until(() -> statuses(orders).getOrDefault("PENDING", 0L) == 0);
        Map<String, Long> statuses = statuses(orders);
        System.out.println("oversell: " + statuses);
        assertThat(statuses).containsEntry("CONFIRMED", (long) UNITS).containsEntry("CANCELLED", (long) SHOPPERS - UNITS);
        assertThat(Api.available(p.sku())).isZero();
        assertThat(Api.onHand(p.sku())).isZero();
        PaymentSimulators providers = PaymentSimulators.shared();
        for (long order : orders) {
            String status = jdbc.queryForObject("SELECT status FROM orders.orders WHERE order_id = ?", String.class, order);
            String key = PaymentSimulators.chargeKey(order);
            int paid = status.equals("CONFIRMED") ? 1 : 0;
            assertThat(providers.chargesMade(key)).as("charges of order " + order + " " + status).isEqualTo(paid);
            assertThat(providers.captures(key)).as("captures of order " + order + " " + status).isEqualTo(paid);
        }
    }

    private Map<String, Long> statuses(List<Long> orders) {
        return jdbc.queryForList("/*NO LOAD BALANCE*/ SELECT status FROM orders.orders WHERE order_id = ANY(?)",
                String.class, (Object) orders.toArray(Long[]::new)).stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }
}
