package io.shopplatform.inventory.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.inventory.Api;
import io.shopplatform.inventory.InventoryIntegrationTest;
import io.shopplatform.service.contracts.StockChanged;
import io.shopplatform.service.contracts.StockLow;
import io.shopplatform.service.outbox.Event;
import io.shopplatform.testing.DataTier;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What leaves the service: the contract's events on Kafka, as the product service reads them, and the live stream. */
@InventoryIntegrationTest
class StockEventsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;

    @Test
    void everyChangeOfAvailableStockReachesKafkaInTheContractsShape() {
        Api api = new Api(port);
        String sku = api.stocked(5);
        api.put("/api/v1/inventory/stock/" + sku + "/threshold", "{\"lowStockThreshold\": 2}", Api.ADMIN);
        api.reserve(Api.newOrderId(), sku, 3);

        List<Event> events = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            events.clear();
            events.addAll(eventsOf(sku));
            return events.size() >= 3;
        });

        List<Event> changed = events.stream().filter(e -> e.type().equals(StockChanged.TYPE)).toList();
        // Read exactly as product's consumer reads it: Event.payload into the shared record.
        assertThat(changed.stream().map(e -> e.payload(json, StockChanged.class)))
                .containsExactly(new StockChanged(sku, 5), new StockChanged(sku, 2));
        assertThat(changed.get(1).version()).as("versions follow the commits").isGreaterThan(changed.get(0).version());
        assertThat(events.stream().filter(e -> e.type().equals(StockLow.TYPE)).map(e -> e.payload(json, StockLow.class)))
                .containsExactly(new StockLow(sku, 2, 2));
    }

    @Test
    void aStreamClientSeesTheLevelNowAndAfterEveryChange() throws Exception {
        Api api = new Api(port);
        String sku = api.stocked(4);
        List<String> data = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/inventory/stock/" + sku + "/stream"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        data.add(line.substring(5));
                    }
                }
            } catch (Exception e) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !data.isEmpty());
            assertThat(json.readTree(data.get(0)).get("available").asInt()).isEqualTo(4);

            api.reserve(Api.newOrderId(), sku, 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> data.stream()
                    .anyMatch(d -> d.contains("\"available\":1")));
            api.post("/api/v1/inventory/stock/" + sku + "/receipts", "{\"quantity\": 10}", Api.ADMIN);
            await().atMost(Duration.ofSeconds(30)).until(() -> data.stream()
                    .anyMatch(d -> d.contains("\"available\":11")));
            assertThat(data.stream().map(d -> {
                try {
                    return json.readTree(d).get("available").asInt();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList()).as("in order, each once").containsExactly(4, 1, 11);
        } finally {
            stream.body().close();
        }
    }

    @Test
    void theStreamOrLevelOfAnUnknownSkuIsNotFound() {
        Api api = new Api(port);
        String sku = Api.uniqueSku();
        Api.Response level = api.stock(sku);
        assertThat(level.status()).isEqualTo(404);
        assertThat(level.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/inventory/stock/" + sku + "/stream", null).status()).isEqualTo(404);
    }

    /** The SKU's records on inventory.stock, read as the shared consumers read them (headers to an Event). */
    private static List<Event> eventsOf(String sku) {
        Map<String, String> env = DataTier.shared().env("inventory");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", env.get("SHOP_KAFKA_BOOTSTRAP"),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + env.get("SHOP_KAFKA_USER") + "\" password=\"" + env.get("SHOP_KAFKA_PASSWORD") + "\";"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            String topic = DataTier.shared().scope().topic(StockChanged.TOPIC);   // where the service publishes
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<Event> events = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (sku.equals(r.key())) {
                        events.add(new Event(UUID.fromString(header(r, "event-id")), header(r, "event-type"), r.key(),
                                r.value(), Long.parseLong(header(r, "event-version"))));
                    }
                }
            }
            return events;
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
