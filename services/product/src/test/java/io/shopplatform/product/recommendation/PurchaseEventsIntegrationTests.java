package io.shopplatform.product.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.product.Api;
import io.shopplatform.product.ProductIntegrationTest;
import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.testing.DataTier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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
    JdbcTemplate jdbc;

    @Test
    void aPlacedOrderAddsItsQuantitiesOnceEvenWhenDeliveredTwice() throws Exception {
        Api api = new Api(port);
        long category = categories.create(null, "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
                "Orders", 0);
        long product = api.createProduct(category, "4.00");
        UUID eventId = UUID.randomUUID();
        String order = """
                {"orderId": 1, "items": [{"productId": %d, "quantity": 2}, {"productId": %d, "quantity": 1}],
                 "total": 12.00}""".formatted(product, product);

        try (KafkaProducer<String, String> producer = producer()) {
            for (int delivery = 0; delivery < 2; delivery++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(PurchaseEvents.TOPIC, "1", order);
                record.headers().add("event-id", eventId.toString().getBytes(StandardCharsets.UTF_8));
                record.headers().add("event-type", PurchaseEvents.PLACED.getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> purchases(product) == 3);
        Thread.sleep(500);   // time for the redelivery to be (wrongly) counted, if it were
        assertThat(purchases(product)).isEqualTo(3);
    }

    private long purchases(long product) {
        return jdbc.query("SELECT purchases FROM catalog.product_popularity WHERE product_id = ?",
                rs -> rs.next() ? rs.getLong(1) : 0L, product);
    }

    private static KafkaProducer<String, String> producer() {
        Map<String, String> env = DataTier.shared().env("product");
        return new KafkaProducer<>(Map.of(
                "bootstrap.servers", env.get("SHOP_KAFKA_BOOTSTRAP"),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + env.get("SHOP_KAFKA_USER") + "\" password=\"" + env.get("SHOP_KAFKA_PASSWORD") + "\";"),
                new StringSerializer(), new StringSerializer());
    }
}
