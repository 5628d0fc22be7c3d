package io.shopplatform.order.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.order.Api;
import io.shopplatform.order.OrderIntegrationTest;
import io.shopplatform.service.db.ReadYourWrites;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Order history and status: the owner's only, visible right after the checkout. */
@OrderIntegrationTest
class OrderHistoryIntegrationTests {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int management;

    @Test
    void aShopperSeesTheirOrdersNewestFirstAndNobodyElses() {
        Api api = new Api(port);
        Api.Product p = Api.stockedProduct("1.00", 10);
        Api.Shopper shopper = Api.shopper(), other = Api.shopper();
        long first = place(api, shopper, p, 1), second = place(api, shopper, p, 2);

        Api.Response mine = api.get("/api/v1/orders", shopper.token());
        Api.Response one = api.get("/api/v1/orders/" + first, shopper.token());

        assertThat(mine.<List<Integer>>json("$[*].id")).containsExactly((int) second, (int) first);
        assertThat(one.<String>json("$.status")).isEqualTo("CONFIRMED");
        assertThat(one.<Integer>json("$.items[0].quantity")).isEqualTo(1);
        Api.Response notTheirs = api.get("/api/v1/orders/" + first, other.token());
        assertThat(notTheirs.status()).as("someone else's order").isEqualTo(404);
        assertThat(notTheirs.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/orders", other.token()).<List<?>>json("$")).isEmpty();
        assertThat(api.get("/api/v1/orders/" + first, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/orders/" + first, Api.ADMIN).status()).as("not a shopper's token").isEqualTo(403);
    }

    @Test
    void theCheckoutsVersionLetsAnyInstanceShowTheNewOrder() {
        Api api = new Api(port);
        Api.Product p = Api.stockedProduct("1.00", 10);
        Api.Shopper shopper = Api.shopper();
        String cart = api.cartWith(shopper, p.id(), 1);
        Api.Response placed = api.checkout(shopper.token(), UUID.randomUUID().toString(), cart, Api.card());

        assertThat(placed.header(ReadYourWrites.VERSION_HEADER)).as("the write's position").isNotBlank();
        Api.Response read = api.get("/api/v1/orders/" + placed.json("$.id"), shopper.token());
        assertThat(read.<String>json("$.status")).isEqualTo("CONFIRMED");
    }

    @Test
    void theSagaMetricsAreExported() throws Exception {
        Api api = new Api(port);
        Api.Product p = Api.stockedProduct("1.00", 10);
        place(api, Api.shopper(), p, 1);

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + management + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(metrics).containsPattern("(?m)^order_queue_depth\\{")
                .containsPattern("shop_order_saga_step_seconds_count\\{[^}]*outcome=\"advance\",step=\"RESERVE_STOCK\"")
                .containsPattern("shop_order_checkouts_total\\{[^}]*result=\"placed\"");
    }

    private static long place(Api api, Api.Shopper shopper, Api.Product p, int quantity) {
        String cart = api.cartWith(shopper, p.id(), quantity);
        Api.Response r = api.checkout(shopper.token(), UUID.randomUUID().toString(), cart, Api.card());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }
}
