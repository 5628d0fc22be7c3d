package io.shopplatform.product;

import io.shopplatform.testing.DataTier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The services whose events this one reads, played by a test: it publishes as their outbox relays do, on the topic
 * in the tests' scope (where the service under test reads it).
 */
public final class OtherServices implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public OtherServices() {
        Map<String, String> env = DataTier.shared().env("product");
        producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", env.get("SHOP_KAFKA_BOOTSTRAP"),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + env.get("SHOP_KAFKA_USER") + "\" password=\"" + env.get("SHOP_KAFKA_PASSWORD") + "\";"),
                new StringSerializer(), new StringSerializer());
    }

    /** Publishes one delivery of an event; the same id twice is a redelivery. */
    public void publish(String topic, String key, String type, UUID eventId, String payload)
            throws InterruptedException, ExecutionException {
        publish(topic, key, type, eventId, 0, payload);
    }

    /** As the relay publishes: with the aggregate's version of the event (0 sends none). */
    public void publish(String topic, String key, String type, UUID eventId, long version, String payload)
            throws InterruptedException, ExecutionException {
        ProducerRecord<String, String> record = new ProducerRecord<>(DataTier.shared().scope().topic(topic), key,
                payload);
        record.headers().add("event-id", eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", type.getBytes(StandardCharsets.UTF_8));
        if (version > 0) {
            record.headers().add("event-version", Long.toString(version).getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
