package io.shopplatform.order.cart;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.order.Api;
import io.shopplatform.order.OrderIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Carts on the real tier, priced by the real product service and checked against the real inventory. */
@OrderIntegrationTest
class CartIntegrationTests {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anAnonymousShopperGetsACartIdAndAddsToTheSameCartWithIt() {
        Api.Product p = Api.stockedProduct("12.50", 20);

        Api.Response first = api.add(null, null, p.id(), 2);
        String cartId = first.header(Api.CART);
        Api.Response second = api.add(null, cartId, p.id(), 3);

        assertThat(first.status()).isEqualTo(200);
        assertThat(cartId).isNotBlank().isEqualTo(first.json("$.id"));
        assertThat(second.<String>json("$.id")).isEqualTo(cartId);
        assertThat(second.<Integer>json("$.lines[0].quantity")).isEqualTo(5);
        assertThat(second.<Double>json("$.lines[0].unitPrice")).as("the product's price now").isEqualTo(12.5);
        assertThat(second.<Double>json("$.subtotal")).isEqualTo(62.5);
        assertThat(api.cart(null, cartId).<String>json("$.lines[0].sku")).isEqualTo(p.sku());
    }

    @Test
    void signingInMergesTheAnonymousCartIntoTheShoppersOwn() {
        Api.Product both = Api.stockedProduct("3.00", 50), onlyAnonymous = Api.stockedProduct("4.00", 50);
        Api.Shopper shopper = Api.shopper();
        api.cartWith(shopper, both.id(), 1);
        String anonymous = api.add(null, null, both.id(), 2).header(Api.CART);
        api.add(null, anonymous, onlyAnonymous.id(), 1);

        Api.Response merged = api.cart(shopper.token(), anonymous);

        assertThat(merged.status()).isEqualTo(200);
        assertThat(quantities(merged)).containsExactlyInAnyOrderEntriesOf(Map.of(both.sku(), 3, onlyAnonymous.sku(), 1));
        assertThat(api.cart(null, anonymous).status()).as("the anonymous cart is gone").isEqualTo(404);
        assertThat(quantities(api.cart(shopper.token(), anonymous))).as("sending the old id again merges nothing")
                .containsExactlyInAnyOrderEntriesOf(Map.of(both.sku(), 3, onlyAnonymous.sku(), 1));
    }

    @Test
    void anAnonymousCartBecomesTheShoppersWhenTheyHadNone() {
        Api.Product p = Api.stockedProduct("3.00", 5);
        Api.Shopper shopper = Api.shopper();
        String anonymous = api.add(null, null, p.id(), 2).header(Api.CART);

        Api.Response theirs = api.cart(shopper.token(), anonymous);

        assertThat(theirs.<String>json("$.id")).isEqualTo(anonymous);
        assertThat(theirs.header(Api.CART)).as("no longer anonymous").isNull();
        assertThat(api.cart(null, anonymous).status()).as("nor reachable by its id alone").isEqualTo(404);
    }

    @Test
    void aLineIsChangedAndRemovedBySku() {
        Api.Product p = Api.stockedProduct("2.00", 10), other = Api.stockedProduct("1.00", 10);
        Api.Shopper shopper = Api.shopper();
        api.cartWith(shopper, p.id(), 1);
        api.add(shopper.token(), null, other.id(), 1);

        Api.Response changed = api.setQuantity(shopper.token(), null, p.sku(), "7");
        Api.Response removed = api.remove(shopper.token(), null, other.sku());

        assertThat(changed.status()).isEqualTo(200);
        assertThat(quantities(changed)).containsEntry(p.sku(), 7);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(quantities(removed)).containsExactlyEntriesOf(Map.of(p.sku(), 7));
        assertThat(removed.<Double>json("$.subtotal")).isEqualTo(14.0);
    }

    @Test
    void anotherShoppersCartIsNotFound() {
        Api.Product p = Api.stockedProduct("2.00", 10);
        Api.Shopper owner = Api.shopper(), other = Api.shopper();
        String ownersCart = api.cartWith(owner, p.id(), 1);

        assertThat(api.cart(null, ownersCart).status()).as("anonymously, by its id").isEqualTo(404);
        assertThat(api.add(null, ownersCart, p.id(), 1).status()).isEqualTo(404);
        Api.Response asOther = api.cart(other.token(), ownersCart);
        assertThat(asOther.status()).as("another shopper sending its id").isEqualTo(404);
        assertThat(asOther.contentType()).startsWith("application/problem+json");
        assertThat(quantities(api.cart(owner.token(), null))).containsExactlyEntriesOf(Map.of(p.sku(), 1));
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() {
        Api.Product p = Api.stockedProduct("2.00", 5), unstocked = Api.stockedProduct("2.00", 0);
        Api.Shopper shopper = Api.shopper();
        String cart = api.cartWith(shopper, p.id(), 1);
        String t = shopper.token();

        record Bad(String what, Api.Response response, int status, String field) {}
        List<Bad> bad = List.of(
                new Bad("unknown product", api.add(t, null, 999_999_999_999L, 1), 400, "productId"),
                new Bad("zero", api.add(t, null, p.id(), 0), 400, "quantity"),
                new Bad("negative", api.add(t, null, p.id(), -3), 400, "quantity"),
                new Bad("huge", api.add(t, null, p.id(), 2_000_000_000), 400, "quantity"),
                new Bad("above the per-line limit", api.add(t, null, p.id(), 500), 400, "quantity"),
                new Bad("above stock", api.add(t, null, p.id(), 5), 409, "quantity"),
                new Bad("no stock at all", api.add(t, null, unstocked.id(), 1), 409, "quantity"),
                new Bad("set above stock", api.setQuantity(t, null, p.sku(), "6"), 409, "quantity"),
                new Bad("set negative", api.setQuantity(t, null, p.sku(), "-1"), 400, "quantity"),
                new Bad("set not a number", api.setQuantity(t, null, p.sku(), "\"many\""), 400, "quantity"),
                new Bad("malformed cart id", api.cart(null, "not-a-cart"), 400, Api.CART));
        for (Bad b : bad) {
            assertThat(b.response().status()).as(b.what() + ": " + b.response().body()).isEqualTo(b.status());
            assertThat(b.response().contentType()).as(b.what()).startsWith("application/problem+json");
            assertThat(b.response().<List<String>>json("$.errors[*].field")).as(b.what()).contains(b.field());
        }
        assertThat(api.setQuantity(t, null, "NO-SUCH-LINE", "1").status()).isEqualTo(404);
        assertThat(api.remove(t, null, "NO-SUCH-LINE").status()).isEqualTo(404);
        Api.Response after = api.cart(t, null);
        assertThat(after.<String>json("$.id")).isEqualTo(cart);
        assertThat(quantities(after)).as("nothing changed").containsExactlyEntriesOf(Map.of(p.sku(), 1));
    }

    static Map<String, Integer> quantities(Api.Response cart) {
        List<String> skus = cart.json("$.lines[*].sku");
        List<Integer> quantities = cart.json("$.lines[*].quantity");
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < skus.size(); i++) {
            m.put(skus.get(i), quantities.get(i));
        }
        return m;
    }
}
