package io.shopplatform.product.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.product.Api;
import io.shopplatform.product.OtherServices;
import io.shopplatform.product.ProductIntegrationTest;
import io.shopplatform.product.category.CategoryTree;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The order service's events, played by this test: each placed order counts once towards popularity. */
@ProductIntegrationTest
class PurchaseEventsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    CategoryTree categories;
    @Autowired
    Popularity popularity;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    long category;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        category = categories.create(null, Api.uniqueSlug(), "Orders", 0);
    }

    @Test
    void aPlacedOrderCountsOnceEvenWhenDeliveredTwice() throws Exception {
        long product = api.createProduct(category, "4.00"), other = api.createProduct(category, "5.00"),
                marker = api.createProduct(category, "6.00");
        UUID eventId = UUID.randomUUID();
        String order = """
                {"orderId": 1, "items": [{"productId": %d, "quantity": 2}, {"productId": %d, "quantity": 1},
                 {"productId": %d, "quantity": 1}], "total": 17.00}""".formatted(product, product, other);
        String later = """
                {"orderId": 2, "items": [{"productId": %d, "quantity": 1}], "total": 6.00}""".formatted(marker);

        try (OtherServices orders = new OtherServices()) {
            orders.publish(PurchaseEvents.TOPIC, "1", PurchaseEvents.PLACED, eventId, order);
            orders.publish(PurchaseEvents.TOPIC, "1", PurchaseEvents.PLACED, eventId, order);
            // Same key, same partition: once this later order is counted, the redelivery before it was handled too.
            orders.publish(PurchaseEvents.TOPIC, "1", PurchaseEvents.PLACED, UUID.randomUUID(), later);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> purchases(marker) == 1);
        assertThat(purchases(product)).isEqualTo(3);
        assertThat(boughtTogether(product, other)).as("both ways round").isEqualTo(1);
        assertThat(boughtTogether(other, product)).isEqualTo(1);
    }

    @Test
    void nextToAProductComeTheProductsMostOftenBoughtWithItThenItsCategorysBestSellers() throws Exception {
        long viewed = api.createProduct(category, "1.00"), often = api.createProduct(category, "2.00"),
                once = api.createProduct(category, "3.00"), bestSeller = api.createProduct(category, "4.00");
        popularity.addPurchases(Map.of(bestSeller, 100L));

        try (OtherServices orders = new OtherServices()) {
            orders.publish(PurchaseEvents.TOPIC, "1", PurchaseEvents.PLACED, UUID.randomUUID(),
                    order(viewed, once, often));
            orders.publish(PurchaseEvents.TOPIC, "1", PurchaseEvents.PLACED, UUID.randomUUID(), order(often, viewed));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> boughtTogether(viewed, often) == 2);

        Api.Response r = api.get("/api/v1/recommendations/for/" + viewed);

        assertThat(r.<List<Integer>>json("$[*].id")).containsExactly((int) often, (int) once, (int) bestSeller);
        assertThat(r.<List<Integer>>json("$[*].purchases")).containsExactly(2, 1, 100);
    }

    private static String order(long... products) {
        return Arrays.stream(products).mapToObj(id -> "{\"productId\": " + id + ", \"quantity\": 1}")
                .collect(Collectors.joining(", ", "{\"items\": [", "]}"));
    }

    private long purchases(long product) {
        return jdbc.query("SELECT purchases FROM catalog.product_popularity WHERE product_id = ?",
                rs -> rs.next() ? rs.getLong(1) : 0L, product);
    }

    private long boughtTogether(long product, long other) {
        return jdbc.query("SELECT orders FROM catalog.co_purchases WHERE product_id = ? AND other_id = ?",
                rs -> rs.next() ? rs.getLong(1) : 0L, product, other);
    }
}
