package io.shopplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.model.Shop;
import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.JsonHttp.Response;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.testing.DataTier;
import io.shopplatform.user.Api;
import io.shopplatform.user.Mailbox;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A shopper's whole visit, every call through the gateway to the real services: the administrator stocks the shop,
 * an anonymous shopper fills a cart, signs up (the cart comes along), pays by card and is mailed; the order shows in
 * their history, the stock and the recommendations follow, and nobody else can see it.
 */
class ShopperJourneyIntegrationTests {

    /** How long the shop may take to show what happened after a call returned (events, search index, mail). */
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int STOCKED = 10, LAMPS = 1, MUGS = 3;
    /** 1 lamp at 5.75 and 3 mugs at 7.50. */
    private static final String LAMP_PRICE = "5.75", MUG_PRICE = "7.50", TOTAL = "28.25";
    private static final String PENDING = "PENDING", CONFIRMED = "CONFIRMED";
    /** Any card the simulators do not decline ({@link PaymentSimulators#DECLINED_LAST4}); a new number each run. */
    private static final String AUTHORIZED_LAST4 = "4242";

    private static TheShop shop;
    private static JsonHttp gateway;

    @BeforeAll
    static void openTheShop() {
        shop = TheShop.shared();
        gateway = new JsonHttp(shop.gatewayPort());
    }

    @Test
    void aShopperFillsACartAnonymouslySignsUpPaysAndOnlyTheyCanSeeTheOrder() {
        // 1. The administrator puts two products on sale and stocks them.
        String admin = shop.adminToken();
        String word = "journey" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Product lamp = product(admin, "Desk lamp " + word, LAMP_PRICE), mug = product(admin, "Tea mug " + word, MUG_PRICE);
        stock(admin, lamp, STOCKED);
        stock(admin, mug, STOCKED);
        List<Integer> found = await("both products found by search").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> gateway.get("/api/v1/search?q=" + word, null).<List<Integer>>json("$.items[*].id"),
                        ids -> ids.size() == 2);
        assertThat(found).containsExactlyInAnyOrder((int) lamp.id(), (int) mug.id());

        // 2. An anonymous shopper fills a cart, then signs up: the cart comes along.
        Shopper ana = new Shopper(shop.gatewayPort());
        assertThat(ana.add(lamp.id(), LAMPS).status()).isEqualTo(200);
        assertThat(ana.add(mug.id(), MUGS).status()).isEqualTo(200);
        assertThat(ana.cartId()).as("an anonymous cart's id").isNotNull();
        String email = Api.uniqueEmail();
        ana.signUp(email);
        Response cart = ana.cart();
        assertThat(cart.status()).isEqualTo(200);
        assertThat(ana.cartId()).as("the cart is the account's now").isNull();
        assertThat(lines(cart)).containsExactlyInAnyOrderEntriesOf(Map.of(lamp.sku(), LAMPS, mug.sku(), MUGS));
        assertThat(decimal(cart, "$.subtotal")).isEqualByComparingTo(TOTAL);

        // 3. A card tokenized at the Stripe-like provider, as the shopper's browser does; then the checkout.
        String card = PaymentSimulators.tokenize(PaymentSimulators.newCard(AUTHORIZED_LAST4));
        Response order = ana.checkout(cart.json("$.id"), card);
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(order.<String>json("$.status")).isIn(PENDING, CONFIRMED);
        assertThat(decimal(order, "$.total")).isEqualByComparingTo(TOTAL);
        long orderId = ((Number) order.json("$.id")).longValue();
        // PENDING: a saga step timed out (the first call into a fresh payment service can), and the saga job goes on
        // with it; the shopper's app follows the order until the saga has ended.
        String outcome = await("the checkout saga ended").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> ana.order(orderId).<String>json("$.status"), status -> !status.equals(PENDING));
        assertThat(outcome).isEqualTo(CONFIRMED);
        String chargeKey = PaymentSimulators.chargeKey(orderId);
        assertThat(PaymentSimulators.shared().chargesMade(chargeKey)).as("charged once").isEqualTo(1);
        assertThat(PaymentSimulators.shared().captures(chargeKey)).as("captured once").isEqualTo(1);

        // 4. The order is in the history, the stock went down by what was bought, and each product now recommends
        //    the other.
        assertThat(ana.orders().<List<Number>>json("$[*].id")).extracting(Number::longValue).contains(orderId);
        assertThat(available(lamp)).isEqualTo(STOCKED - LAMPS);
        assertThat(available(mug)).isEqualTo(STOCKED - MUGS);
        // "Also bought" is cached for 30 minutes once asked (the model's popular-products policy): asked before the
        // product service has counted the order, it would answer without it until then. So wait for the count, then
        // ask once.
        await("the product service counted the order").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> boughtTogether(lamp, mug) == 1);
        Response alsoBought = gateway.get("/api/v1/recommendations/for/" + lamp.id(), null);
        assertThat(alsoBought.<Integer>json("$[0].id")).as(alsoBought.body()).isEqualTo((int) mug.id());
        assertThat(alsoBought.<Integer>json("$[0].purchases")).as("orders with both").isEqualTo(1);

        // 5. The confirmation mail arrives.
        Mailbox mailbox = new Mailbox(email);
        List<Mailbox.Mail> mails = await("the confirmation mail").atMost(EVENTUALLY).pollInterval(POLL)
                .until(mailbox::inbox, m -> !m.isEmpty());
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).subject()).isEqualTo("Your shop order " + orderId + " is confirmed");
        assertThat(mails.get(0).text()).contains("Total: " + TOTAL + " USD");

        // 6. Another shopper cannot see it: not found, as any order id they do not own.
        Response notTheirs = new Shopper(shop.gatewayPort()).signUp(Api.uniqueEmail()).order(orderId);
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.contentType()).startsWith("application/problem+json");
        assertThat(ana.order(orderId).status()).as("while its owner can").isEqualTo(200);
    }

    private record Product(long id, String sku) {}

    private static Product product(String admin, String name, String price) {
        String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
        Response r = gateway.post("/api/v1/products", """
                {"sku": "%s", "name": "%s", "price": %s, "status": "ACTIVE"}""".formatted(sku, name, price), admin);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Product(((Number) r.json("$.id")).longValue(), sku);
    }

    private static void stock(String admin, Product p, int units) {
        Response r = gateway.post("/api/v1/inventory/stock/" + p.sku() + "/receipts", "{\"quantity\": " + units + "}",
                admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(available(p)).isEqualTo(units);
    }

    private static int available(Product p) {
        return gateway.get("/api/v1/inventory/stock/" + p.sku(), null).<Integer>json("$.available");
    }

    private static Map<String, Integer> lines(Response cart) {
        List<String> skus = cart.json("$.lines[*].sku");
        List<Integer> quantities = cart.json("$.lines[*].quantity");
        assertThat(skus).hasSameSizeAs(quantities);
        Map<String, Integer> lines = new HashMap<>();
        for (int i = 0; i < skus.size(); i++) {
            lines.put(skus.get(i), quantities.get(i));
        }
        return lines;
    }

    private static BigDecimal decimal(Response r, String path) {
        return new BigDecimal(r.json(path).toString());
    }

    /**
     * The product service's count of orders holding both, as the least advanced database member shows it: whichever
     * member PgPool sends the recommendation's query to has then replayed it (commits wait for one standby's flush,
     * not for every standby's replay).
     */
    private static int boughtTogether(Product a, Product b) throws SQLException {
        DataTier tier = DataTier.shared();
        int least = Integer.MAX_VALUE;
        for (String node : tier.postgresNodes()) {
            try (Connection c = tier.connectNode(node, tier.role(Shop.PRODUCT));
                 PreparedStatement q = c.prepareStatement(
                         "SELECT orders FROM catalog.co_purchases WHERE product_id = ? AND other_id = ?")) {
                q.setLong(1, a.id());
                q.setLong(2, b.id());
                try (ResultSet rs = q.executeQuery()) {
                    least = Math.min(least, rs.next() ? rs.getInt(1) : 0);
                }
            }
        }
        return least;
    }
}
