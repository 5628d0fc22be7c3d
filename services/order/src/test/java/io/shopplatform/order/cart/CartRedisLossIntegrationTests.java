package io.shopplatform.order.cart;

import static io.shopplatform.order.cart.CartIntegrationTests.quantities;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.order.Api;
import io.shopplatform.order.OrderIntegrationTest;
import io.shopplatform.service.testing.ThrowawayServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis holds only a copy: with it gone (SIGKILL, no persistence) carts are read from, and written to, PostgreSQL. */
@OrderIntegrationTest
class CartRedisLossIntegrationTests {

    static final ThrowawayServer redis = ThrowawayServer.redis();

    @DynamicPropertySource
    static void throwawayRedis(DynamicPropertyRegistry registry) {
        registry.add("shop.cache.redis.nodes", redis::address);
        registry.add("shop.cache.redis.password", () -> ThrowawayServer.PASSWORD);
        registry.add("shop.cache.probe-after", () -> "500ms");
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @LocalServerPort
    int port;

    @Test
    void cartsSurviveTheLossOfRedisAndStayWritable() {
        Api api = new Api(port);
        Api.Product p = Api.stockedProduct("5.00", 20), later = Api.stockedProduct("6.00", 20);
        Api.Shopper shopper = Api.shopper();
        api.cartWith(shopper, p.id(), 2);
        String anonymous = api.add(null, null, p.id(), 4).header(Api.CART);

        redis.kill();

        assertThat(quantities(api.cart(shopper.token(), null))).as("read from the database")
                .containsExactlyEntriesOf(Map.of(p.sku(), 2));
        assertThat(quantities(api.cart(null, anonymous))).containsExactlyEntriesOf(Map.of(p.sku(), 4));
        Api.Response added = api.add(shopper.token(), null, later.id(), 1);
        assertThat(added.status()).as("writes go on without Redis: " + added.body()).isEqualTo(200);

        redis.start();   // empty: everything it held is gone

        assertThat(quantities(api.cart(shopper.token(), null))).as("nothing lost")
                .containsExactlyInAnyOrderEntriesOf(Map.of(p.sku(), 2, later.sku(), 1));
    }
}
