package io.shopplatform.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.order.Api;
import io.shopplatform.order.OrderIntegrationTest;
import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.service.testing.PaymentSimulators.Sim;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The checkout saga against the real inventory, product and payment services; the provider simulators' journals
 * witness the money (charges and captures per order, across both providers).
 */
@OrderIntegrationTest
class CheckoutIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    Api api;
    final PaymentSimulators providers = PaymentSimulators.shared();

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @AfterEach
    void providersThemselvesAgain() {
        providers.reset();
    }

    @Test
    void aPaidCheckoutConfirmsTheOrderConsumesTheStockAndCapturesOnce() {
        Api.Product p = Api.stockedProduct("12.50", 10);
        Api.Shopper shopper = Api.shopper();
        String cart = api.cartWith(shopper, p.id(), 3);

        Api.Response r = api.checkout(shopper.token(), UUID.randomUUID().toString(), cart, Api.card());

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.<String>json("$.status")).isEqualTo("CONFIRMED");
        assertThat(r.<Double>json("$.total")).isEqualTo(37.5);
        assertThat(r.<String>json("$.items[0].name")).isEqualTo("Thing " + p.sku());
        long order = Api.orderId(r);
        assertThat(Api.onHand(p.sku())).as("the units left").isEqualTo(7);
        assertThat(Api.available(p.sku())).isEqualTo(7);
        String key = PaymentSimulators.chargeKey(order);
        assertThat(providers.chargesMade(key)).as("one charge across both providers").isEqualTo(1);
        assertThat(providers.captures(key)).as("captured once").isEqualTo(1);
        assertThat(api.cart(shopper.token(), null).<List<?>>json("$.lines")).as("the cart is empty again").isEmpty();
        assertThat(jdbc.queryForList("SELECT event_type FROM orders.outbox WHERE aggregate_type = 'order'"
                + " AND aggregate_id = ? ORDER BY created_at", String.class, Long.toString(order)))
                .containsExactly("placed", "status");
    }

    @Test
    void aDeclinedPaymentCancelsTheOrderWithItsReasonAndReleasesTheStock() {
        Api.Product p = Api.stockedProduct("5.00", 10);
        Api.Shopper shopper = Api.shopper();
        String cart = api.cartWith(shopper, p.id(), 4);

        String card = Api.decliningCard();

        Api.Response r = api.checkout(shopper.token(), UUID.randomUUID().toString(), cart, card);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.<String>json("$.status")).isEqualTo("CANCELLED");
        assertThat(r.<String>json("$.cancelReason")).contains("declined").contains("card_declined");
        assertThat(Api.available(p.sku())).as("released").isEqualTo(10);
        assertThat(Api.onHand(p.sku())).isEqualTo(10);
        String key = PaymentSimulators.chargeKey(Api.orderId(r));
        assertThat(providers.chargeKeys(Sim.STRIPE, card)).as("the primary declined it").containsExactly(key);
        assertThat(providers.chargesMade(key)).as("nothing charged").isZero();
        assertThat(providers.captures(key)).isZero();
    }

    @Test
    void stockGoneSinceTheCartWasFilledCancelsTheOrderAsOutOfStock() {
        Api.Product p = Api.stockedProduct("5.00", 2);
        Api.Shopper shopper = Api.shopper();
        String cart = api.cartWith(shopper, p.id(), 2);
        JsonHttp inventory = new JsonHttp(io.shopplatform.order.Peers.inventory().port());
        assertThat(inventory.post("/api/v1/inventory/stock/" + p.sku() + "/adjustments",
                "{\"delta\": -1, \"reason\": \"broken in the warehouse\"}", Api.ADMIN).status()).isEqualTo(200);

        String card = Api.card();

        Api.Response r = api.checkout(shopper.token(), UUID.randomUUID().toString(), cart, card);

        assertThat(r.<String>json("$.status")).isEqualTo("CANCELLED");
        assertThat(r.<String>json("$.cancelReason")).startsWith("out of stock");
        assertThat(providers.chargeKeys(Sim.STRIPE, card)).as("no provider saw the card").isEmpty();
        assertThat(providers.chargeKeys(Sim.PAYPAL, card)).isEmpty();
        assertThat(Api.available(p.sku())).isEqualTo(1);
    }

    @Test
    void withBothProvidersDownTheOrderIsPendingAndConfirmedOnceTheyReturn() {
        Api.Product p = Api.stockedProduct("5.00", 10);
        Api.Shopper shopper = Api.shopper();
        String cart = api.cartWith(shopper, p.id(), 1);
        String card = Api.card();
        providers.down(Sim.STRIPE);
        providers.down(Sim.PAYPAL);

        Api.Response r = api.checkout(shopper.token(), UUID.randomUUID().toString(), cart, card);
        long order = Api.orderId(r);

        assertThat(r.<String>json("$.status")).as(r.body()).isEqualTo("PENDING");
        assertThat(Api.available(p.sku())).as("held meanwhile").isEqualTo(9);
        assertThat(providers.chargesMade(PaymentSimulators.chargeKey(order))).isZero();
        providers.reset();
        // The payment service's retry job authorizes it; the saga job asks again and goes on.
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "CONFIRMED".equals(api.get("/api/v1/orders/" + order, shopper.token()).json("$.status")));
        assertThat(providers.chargesMade(PaymentSimulators.chargeKey(order))).isEqualTo(1);
        assertThat(providers.captures(PaymentSimulators.chargeKey(order))).isEqualTo(1);
        assertThat(Api.onHand(p.sku())).isEqualTo(9);
    }

    @Test
    void aPrimaryThatChargesThenTimesOutLeavesExactlyOneChargeForTheOrder() {
        Api.Product p = Api.stockedProduct("5.00", 10);
        Api.Shopper shopper = Api.shopper();
        String cart = api.cartWith(shopper, p.id(), 2);
        String card = Api.card();
        // Past the payment service's 3 s limit per provider call: it asks the primary, which knows the charge.
        providers.chargeThenTimeOutForCard(Sim.STRIPE, card, 4000);

        Api.Response r = api.checkout(shopper.token(), UUID.randomUUID().toString(), cart, card);
        long order = Api.orderId(r);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "CONFIRMED".equals(api.get("/api/v1/orders/" + order, shopper.token()).json("$.status")));
        String key = PaymentSimulators.chargeKey(order);
        assertThat(providers.lookups(Sim.STRIPE, key)).as("asked after the timeout").isPositive();
        assertThat(providers.chargesMade(Sim.STRIPE, key)).as("the primary's charge").isEqualTo(1);
        assertThat(providers.chargesMade(Sim.PAYPAL, key)).as("no fallback charge").isZero();
        assertThat(providers.captures(key)).isEqualTo(1);
        assertThat(Api.onHand(p.sku())).isEqualTo(8);
    }

    @Test
    void theSameKeyReturnsTheSameOrderAndTheSameKeyForAnotherCartIsRefused() {
        Api.Product p = Api.stockedProduct("5.00", 10);
        Api.Shopper shopper = Api.shopper();
        String cart = api.cartWith(shopper, p.id(), 1);
        String key = UUID.randomUUID().toString();

        String card = Api.card();
        Api.Response first = api.checkout(shopper.token(), key, cart, card);
        Api.Response again = api.checkout(shopper.token(), key, cart, card);
        Api.Response otherCart = api.checkout(shopper.token(), key, UUID.randomUUID().toString(), card);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.<Integer>json("$.id")).isEqualTo(first.<Integer>json("$.id"));
        assertThat(otherCart.status()).isEqualTo(422);
        assertThat(otherCart.contentType()).startsWith("application/problem+json");
        assertThat(otherCart.<List<String>>json("$.errors[*].field")).containsExactly("Idempotency-Key");
        assertThat(api.get("/api/v1/orders", shopper.token()).<List<?>>json("$")).as("one order").hasSize(1);
        assertThat(providers.chargesMade(PaymentSimulators.chargeKey(Api.orderId(first)))).isEqualTo(1);
        assertThat(Api.onHand(p.sku())).isEqualTo(9);
    }

    @Test
    void badCheckoutsAreProblemsAndChangeNothing() {
        Api.Product p = Api.stockedProduct("5.00", 10);
        Api.Shopper shopper = Api.shopper(), other = Api.shopper(), empty = Api.shopper();
        String cart = api.cartWith(shopper, p.id(), 2);
        String emptyCart = api.cartWith(empty, p.id(), 1);
        api.remove(empty.token(), null, p.sku());
        String card = Api.card();

        record Bad(String what, Api.Response response, int status, String field) {}
        List<Bad> bad = List.of(
                new Bad("no key", api.checkout(shopper.token(), null, cart, card), 400, "Idempotency-Key"),
                new Bad("empty cart", api.checkout(empty.token(), "k1", emptyCart, card), 422, "cartId"),
                new Bad("no card", api.checkout(shopper.token(), "k2", cart, ""), 400, "cardToken"),
                new Bad("a card number instead of a token", api.checkout(shopper.token(), "k3", cart,
                        "4242 4242 4242 4242"), 400, "cardToken"),
                new Bad("no address", api.post("/api/v1/orders", "{\"cartId\": \"" + cart + "\", \"cardToken\": \"t\"}",
                        shopper.token()), 400, "shippingAddress"));
        for (Bad b : bad) {
            assertThat(b.response().status()).as(b.what() + ": " + b.response().body()).isEqualTo(b.status());
            assertThat(b.response().contentType()).as(b.what()).startsWith("application/problem+json");
            if (b.field() != null) {
                assertThat(b.response().<List<String>>json("$.errors[*].field")).as(b.what()).contains(b.field());
            }
        }
        assertThat(api.checkout(other.token(), "k4", cart, card).status())
                .as("someone else's cart").isEqualTo(404);
        assertThat(api.checkout(null, "k5", cart, card).status()).as("signed out").isEqualTo(401);
        assertThat(Api.available(p.sku())).as("nothing reserved").isEqualTo(10);
        assertThat(api.get("/api/v1/orders", shopper.token()).<List<?>>json("$")).isEmpty();
        assertThat(api.get("/api/v1/orders", other.token()).<List<?>>json("$")).isEmpty();
        assertThat(CartQuantity.of(api.cart(shopper.token(), null), p.sku())).as("the cart as it was").isEqualTo(2);
    }

    /** A line's quantity in a cart response. */
    static final class CartQuantity {
        static int of(Api.Response cart, String sku) {
            List<Integer> q = cart.json("$.lines[?(@.sku == '" + sku + "')].quantity");
            return q.isEmpty() ? 0 : q.get(0);
        }
    }
}
