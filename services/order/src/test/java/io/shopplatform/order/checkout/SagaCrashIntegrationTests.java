package io.shopplatform.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import io.shopplatform.order.Api;
import io.shopplatform.order.OrderApplication;
import io.shopplatform.order.Peers;
import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.service.testing.PaymentSimulators.Sim;
import io.shopplatform.service.testing.ServiceJar;
import io.shopplatform.service.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order service is SIGKILLed mid-checkout, between saga steps: after reserving stock while the payment is being
 * authorized (good cards and a declined one), and after confirming the reservation while the capture is under way.
 * The real payment service and the primary provider's simulator carry on: the simulator has made the charges and
 * captures and answers them late, into the dead service's silence. Restarted, the service resumes or compensates
 * every saga: each order ends CONFIRMED with exactly one charge and one capture in the simulators' journals and its
 * stock consumed, or CANCELLED with nothing charged or captured and its stock released.
 */
class SagaCrashIntegrationTests {

    /** Long enough to kill the service while every held answer is under way; short of the payment's 3 s limit. */
    static final int LATE_MILLIS = 2000;

    final PaymentSimulators providers = PaymentSimulators.shared();

    @AfterEach
    void providersThemselvesAgain() {
        providers.reset();
    }

    @Test
    void everyOrderEndsConfirmedAndCapturedOnceOrCancelledAndReleasedAfterACrash() {
        Peers.start();
        ServiceJar order = ServiceJar.of(Shop.ORDER, null).mainClass(OrderApplication.class.getName())
                .env(Wiring.serviceUrlVariable(Shop.PRODUCT), Peers.product().url())   // not in the model's wiring yet
                .env(Wiring.serviceUrlVariable(Shop.INVENTORY), Peers.inventory().url())
                .env(Wiring.serviceUrlVariable(Shop.PAYMENT), Peers.payment().url())
                .env(Wiring.serviceUrlVariable(Shop.USER), Peers.urls().get(Wiring.serviceUrlVariable(Shop.USER)))
                .property("shop.test.caller-token", TestTokens.shared().token("service:order", "ORDER_SERVICE"))
                .property("shop.order.saga.lease", "3s")
                .property("shop.order.saga.every", "500ms")
                .start();
        Api api = new Api(order.url());
        Api.Product p = Api.stockedProduct("7.00", 10);
        // Killed while authorizing: two good cards and a declined one; while capturing: two good cards.
        List<String> authorizing = List.of(Api.card(), Api.card(), Api.decliningCard());
        List<String> capturing = List.of(Api.card(), Api.card());
        authorizing.forEach(card -> providers.answerChargesLate(Sim.STRIPE, card, LATE_MILLIS));
        providers.answerCapturesLate(Sim.STRIPE, LATE_MILLIS);

        List<String> cards = new ArrayList<>(capturing);   // first: they have further to go
        cards.addAll(authorizing);
        List<Api.Shopper> shoppers = new ArrayList<>();
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            shoppers.add(Api.shopper());
            carts.add(api.cartWith(shoppers.get(i), p.id(), 1));
        }
        List<CompletableFuture<?>> checkouts = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            int n = i;
            // The answer never comes: the service dies while this checkout waits on the payment.
            checkouts.add(CompletableFuture.runAsync(() -> api.checkout(shoppers.get(n).token(),
                    UUID.randomUUID().toString(), carts.get(n), cards.get(n))).exceptionally(e -> null));
        }
        // Every held request has reached the primary's simulator, none of their answers has left it yet.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() ->
                authorizing.stream().allMatch(card -> !providers.chargeKeys(Sim.STRIPE, card).isEmpty())
                        && capturing.stream().allMatch(card -> providers.chargeKeys(Sim.STRIPE, card).stream()
                        .anyMatch(key -> providers.captures(Sim.STRIPE, key) > 0)));

        order.kill();
        // The payment service gets its late answers and settles every payment, unasked by the dead order service.
        Set<String> settled = Set.of("AUTHORIZED", "DECLINED", "CAPTURED");
        await().atMost(Duration.ofSeconds(30)).until(() -> cards.stream().map(card -> payments(
                providers.chargeKeys(Sim.STRIPE, card).get(0))).allMatch(s -> !s.isEmpty() && settled.containsAll(s)));
        CompletableFuture.allOf(checkouts.toArray(CompletableFuture[]::new)).join();
        providers.reset();
        order.restart();

        List<Long> orders = new ArrayList<>();
        for (Api.Shopper s : shoppers) {
            List<Integer> ids = api.get("/api/v1/orders", s.token()).json("$[*].id");
            assertThat(ids).as("the order was committed before the crash").hasSize(1);
            orders.add(ids.get(0).longValue());
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> orders.stream().noneMatch(o ->
                "PENDING".equals(api.get("/api/v1/orders/" + o, shoppers.get(orders.indexOf(o)).token())
                        .json("$.status"))));
        int confirmed = 0;
        for (int i = 0; i < orders.size(); i++) {
            long o = orders.get(i);
            String status = api.get("/api/v1/orders/" + o, shoppers.get(i).token()).json("$.status");
            String key = PaymentSimulators.chargeKey(o);
            if (status.equals("CONFIRMED")) {
                confirmed++;
                assertThat(providers.chargesMade(key)).as("charges of order " + o).isEqualTo(1);
                assertThat(providers.captures(key)).as("captures of order " + o).isEqualTo(1);
            } else {
                assertThat(status).isEqualTo("CANCELLED");
                assertThat(providers.chargesMade(key)).as("charges of order " + o).isZero();
                assertThat(providers.captures(key)).as("captures of order " + o).isZero();
            }
        }
        assertThat(confirmed).as("the good cards' orders go through").isEqualTo(4);
        assertThat(Api.onHand(p.sku())).as("consumed by the confirmed orders only").isEqualTo(10 - confirmed);
        assertThat(Api.available(p.sku())).as("the declined order's unit released").isEqualTo(10 - confirmed);
        order.kill();
    }

    /** The statuses of the payments of the order charged under {@code chargeKey}, as the payment service has them. */
    private static List<String> payments(String chargeKey) {
        JsonHttp.Response r = new JsonHttp(Peers.payment().port()).get("/api/v1/payments?orderId="
                        + PaymentSimulators.orderOf(chargeKey),
                TestTokens.shared().token("service:order", "ORDER_SERVICE"));
        return r.json("$[*].status");
    }
}
