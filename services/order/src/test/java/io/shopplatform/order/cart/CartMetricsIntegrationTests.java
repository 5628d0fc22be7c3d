package io.shopplatform.order.cart;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.order.Api;
import io.shopplatform.order.OrderIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The cart KPIs as Prometheus scrapes them: carts started and checked out (conversion, and abandonment). */
@OrderIntegrationTest
class CartMetricsIntegrationTests {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int management;

    @Test
    void cartsStartedAndCheckedOutAreCountedOnceEach() throws Exception {
        Api api = new Api(port);
        Api.Product p = Api.stockedProduct("3.00", 10);
        Api.Shopper buyer = Api.shopper(), leaver = Api.shopper();
        double started = carts("started"), checkedOut = carts("checked_out");

        String cart = api.cartWith(buyer, p.id(), 1);
        assertThat(api.add(buyer.token(), null, p.id(), 2).status()).as("more of it: no new cart").isEqualTo(200);
        api.cartWith(leaver, p.id(), 1);   // never checked out: abandoned
        Api.Response order = api.checkout(buyer.token(), UUID.randomUUID().toString(), cart, Api.card());

        assertThat(order.<String>json("$.status")).as(order.body()).isEqualTo("CONFIRMED");
        assertThat(carts("started") - started).as("carts started").isEqualTo(2);
        assertThat(carts("checked_out") - checkedOut).as("carts checked out").isEqualTo(1);
    }

    /** {@code shop_order_carts_total{outcome=...}} as this instance exports it now. */
    private double carts(String outcome) throws IOException, InterruptedException {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + management + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^shop_order_carts_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        assertThat(m.find()).as("shop_order_carts_total{outcome=\"%s\"} exported", outcome).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
