package io.shopplatform.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.inventory.Api;
import io.shopplatform.inventory.InventoryIntegrationTest;
import io.shopplatform.inventory.stock.Ledger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@InventoryIntegrationTest
class ReservationIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    Ledger ledger;
    @Autowired
    MeterRegistry meters;

    @Test
    void fiftyConcurrentReservesOfTenUnitsNeverOversell() throws Exception {
        Api api = new Api(port);
        String sku = api.stocked(10);
        int shoppers = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> calls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(shoppers);
        try {
            for (int i = 0; i < shoppers; i++) {
                long order = Api.newOrderId();
                calls.add(pool.submit((Callable<Api.Response>) () -> {
                    start.await();
                    return api.reserveRetryingWhileBusy(order, sku, 1);
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> unexpected = new ArrayList<>();
            for (Future<Api.Response> call : calls) {
                Api.Response r = call.get();
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() != 201 && !r.contentType().startsWith("application/problem+json")) {
                    unexpected.add(r.status() + " " + r.body());
                }
            }
            System.out.println("50 concurrent reserves of 1 unit on 10: " + statuses + "; lost races retried so far: "
                    + meters.get("shop_inventory_conflicts_total").tag("outcome", "retried").counter().count()
                    + ", given up: " + meters.get("shop_inventory_conflicts_total").tag("outcome", "gave_up").counter().count());
            assertThat(unexpected).as("every refusal is a problem+json").isEmpty();
            assertThat(statuses).containsEntry(201, 10).containsEntry(409, 40).hasSize(2);
        } finally {
            pool.shutdownNow();
        }

        Api.Response stock = api.stock(sku);
        assertThat(stock.<Integer>json("$.onHand")).isEqualTo(10);
        assertThat(stock.<Integer>json("$.reserved")).isEqualTo(10);
        assertThat(stock.<Integer>json("$.available")).isZero();
        assertThat(ledger.discrepancies()).as("the ledger adds up to the table").isEmpty();
    }

    @Test
    void aRetriedReserveReturnsTheSameReservationAndHoldsTheUnitsOnce() {
        Api api = new Api(port);
        String sku = api.stocked(5);
        long order = Api.newOrderId();

        Api.Response first = api.reserve(order, sku, 2);
        Api.Response retry = api.reserve(order, sku, 2);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.<String>json("$.id")).isEqualTo(first.json("$.id"));
        assertThat(api.stock(sku).<Integer>json("$.reserved")).isEqualTo(2);

        Api.Response otherItems = api.reserve(order, sku, 3);
        assertThat(otherItems.status()).isEqualTo(409);
        assertThat(otherItems.<String>json("$.errors[0].field")).isEqualTo("items");
        assertThat(api.stock(sku).<Integer>json("$.reserved")).as("nothing changed").isEqualTo(2);
    }

    @Test
    void concurrentRetriesOfOneOrderMakeOneReservation() throws Exception {
        Api api = new Api(port);
        String sku = api.stocked(100);
        long order = Api.newOrderId();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> api.reserve(order, sku, 3)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Api.Response> call : calls) {
                Api.Response r = call.get();
                assertThat(r.status()).isIn(200, 201);
                ids.add(r.json("$.id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.stock(sku).<Integer>json("$.reserved")).isEqualTo(3);
    }

    @Test
    void aConfirmedReservationTakesTheUnitsOffHandOnce() {
        Api api = new Api(port);
        String sku = api.stocked(5);
        long order = Api.newOrderId();
        api.reserve(order, sku, 2);

        Api.Response confirmed = api.post("/api/v1/inventory/reservations/" + order + "/confirm", "", Api.ORDER_SERVICE);
        Api.Response again = api.post("/api/v1/inventory/reservations/" + order + "/confirm", "", Api.ORDER_SERVICE);

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.<String>json("$.status")).isEqualTo("COMMITTED");
        assertThat(again.status()).isEqualTo(200);
        Api.Response stock = api.stock(sku);
        assertThat(stock.<Integer>json("$.onHand")).isEqualTo(3);
        assertThat(stock.<Integer>json("$.reserved")).isZero();
        assertThat(api.post("/api/v1/inventory/reservations/" + order + "/release", "", Api.ORDER_SERVICE).status())
                .as("a bought order cannot be released").isEqualTo(409);
    }

    @Test
    void aReleasedReservationMakesItsUnitsAvailableAgainOnce() {
        Api api = new Api(port);
        String sku = api.stocked(5);
        long order = Api.newOrderId();
        api.reserve(order, sku, 4);

        assertThat(api.post("/api/v1/inventory/reservations/" + order + "/release", "", Api.ORDER_SERVICE)
                .<String>json("$.status")).isEqualTo("RELEASED");
        assertThat(api.post("/api/v1/inventory/reservations/" + order + "/release", "", Api.ORDER_SERVICE).status())
                .isEqualTo(200);

        assertThat(api.stock(sku).<Integer>json("$.available")).isEqualTo(5);
        assertThat(api.post("/api/v1/inventory/reservations/" + order + "/confirm", "", Api.ORDER_SERVICE).status())
                .as("a released order cannot be confirmed").isEqualTo(409);
    }

    @Test
    void aReservationNobodyConfirmsExpiresAndItsUnitsReturn() {
        Api api = new Api(port);
        String sku = api.stocked(3);
        long order = Api.newOrderId();
        Api.Response held = api.post("/api/v1/inventory/reservations", Api.reservation(order, sku, 3, 1),
                Api.ORDER_SERVICE);
        assertThat(held.status()).isEqualTo(201);
        assertThat(api.stock(sku).<Integer>json("$.available")).isZero();

        await().atMost(Duration.ofSeconds(30)).until(() -> "EXPIRED".equals(
                api.get("/api/v1/inventory/reservations/" + order, Api.ORDER_SERVICE).json("$.status")));

        assertThat(api.stock(sku).<Integer>json("$.available")).isEqualTo(3);
        assertThat(api.post("/api/v1/inventory/reservations/" + order + "/confirm", "", Api.ORDER_SERVICE).status())
                .as("too late to confirm").isEqualTo(409);
        assertThat(ledger.discrepancies()).isEmpty();
    }

    @Test
    void onlyTheOrderServiceAndAdminsReserve() {
        Api api = new Api(port);
        String sku = api.stocked(2);
        String body = Api.reservation(Api.newOrderId(), sku, 1, null);

        assertThat(api.post("/api/v1/inventory/reservations", body, Api.SHOPPER).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/inventory/reservations", body, null).status()).isEqualTo(401);
        assertThat(api.stock(sku).<Integer>json("$.reserved")).isZero();
    }
}
