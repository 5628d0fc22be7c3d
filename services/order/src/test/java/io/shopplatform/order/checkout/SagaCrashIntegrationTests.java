package io.shopplatform.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.model.Shop;
import io.shopplatform.order.Api;
import io.shopplatform.order.OrderApplication;
import io.shopplatform.order.PaymentStandIn;
import io.shopplatform.order.Peers;
import io.shopplatform.service.testing.ServiceJar;
import io.shopplatform.service.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/**
 * The order service is SIGKILLed mid-checkout, between saga steps: after reserving stock while the payment is being
 * authorized (a good card and a declined one), and after confirming the reservation while the capture is under way.
 * The payment side takes effect after the kill (as a charge that went through unanswered). Restarted, the service
 * resumes or compensates every saga: each order ends CONFIRMED with one capture and its stock consumed, or
 * CANCELLED with no capture and its stock released.
 */
class SagaCrashIntegrationTests {

    static final String AUTHORIZING = "tok_held_at_authorize", DECLINING = "tok_held_decline",
            CAPTURING = "tok_held_at_capture";

    @Test
    void everyOrderEndsConfirmedAndCapturedOnceOrCancelledAndReleasedAfterACrash() throws Exception {
        PaymentStandIn payments = PaymentStandIn.shared();
        ServiceJar order = ServiceJar.of(Shop.ORDER, null).mainClass(OrderApplication.class.getName())
                .env("SHOP_PRODUCT_URL", Peers.product().url())   // not in the model's wiring yet
                .env("SHOP_INVENTORY_URL", Peers.inventory().url())
                .env("SHOP_PAYMENT_URL", payments.url())
                .env("SHOP_USER_URL", Peers.urls().get("SHOP_USER_URL"))
                .property("shop.test.caller-token", TestTokens.shared().token("service:order", "ORDER_SERVICE"))
                .property("shop.order.saga.lease", "3s")
                .property("shop.order.saga.every", "500ms")
                .start();
        Api api = new Api(order.url());
        Api.Product p = Api.stockedProduct("7.00", 10);
        Set<Long> atAuthorize = payments.hold(AUTHORIZING, "authorize");
        Set<Long> atDecline = payments.hold(DECLINING, "authorize");
        Set<Long> atCapture = payments.hold(CAPTURING, "capture");

        List<Api.Shopper> shoppers = new ArrayList<>();
        List<CompletableFuture<?>> checkouts = new ArrayList<>();
        for (String card : List.of(AUTHORIZING, AUTHORIZING, DECLINING, CAPTURING, CAPTURING)) {
            Api.Shopper s = Api.shopper();
            shoppers.add(s);
            String cart = api.cartWith(s, p.id(), 1);
            // The answer never comes: the service dies while this checkout waits on the payment.
            checkouts.add(CompletableFuture.runAsync(() -> api.checkout(s.token(), UUID.randomUUID().toString(), cart,
                    card)).exceptionally(e -> null));
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> atAuthorize.size() == 2 && atDecline.size() == 1
                && atCapture.size() == 2);
        assertThat(Api.available(p.sku())).as("five units reserved").isEqualTo(5);

        order.kill();
        payments.releaseHeld();   // the charges and captures in flight go through, unanswered
        CompletableFuture.allOf(checkouts.toArray(CompletableFuture[]::new)).join();
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
            int captures = payments.of(o).stream().mapToInt(x -> x.captures.get()).sum();
            assertThat(payments.of(o)).as("one payment per order, whatever the retries").hasSizeLessThanOrEqualTo(1);
            if (status.equals("CONFIRMED")) {
                confirmed++;
                assertThat(captures).as("order " + o).isEqualTo(1);
            } else {
                assertThat(status).isEqualTo("CANCELLED");
                assertThat(captures).as("order " + o).isZero();
            }
        }
        assertThat(confirmed).as("the good cards' orders go through").isEqualTo(4);
        assertThat(Api.onHand(p.sku())).as("consumed by the confirmed orders only").isEqualTo(10 - confirmed);
        assertThat(Api.available(p.sku())).as("the declined order's unit released").isEqualTo(10 - confirmed);
        order.kill();
    }
}
