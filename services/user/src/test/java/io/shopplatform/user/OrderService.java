package io.shopplatform.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.service.contracts.OrderPlaced;
import io.shopplatform.service.contracts.OrderStatusChanged;
import io.shopplatform.testing.DataTier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The order service, played by a test: publishes the shared {@link OrderPlaced} and {@link OrderStatusChanged} records as its outbox relay does
 * (topic {@code orders.order}, key the order id, headers {@code event-id} and {@code event-type}, JSON value).
 */
final class OrderService implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaProducer<String, byte[]> producer;

    OrderService() {
        Map<String, String> tier = DataTier.shared().env("user");
        String login = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";"
                .formatted(tier.get("SHOP_KAFKA_USER"), tier.get("SHOP_KAFKA_PASSWORD"));
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", tier.get("SHOP_KAFKA_BOOTSTRAP"),
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", login,
                "acks", "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** One delivery of a {@code placed} event; the same {@code eventId} again is a redelivery. */
    void placed(UUID eventId, OrderPlaced order) throws Exception {
        publish(eventId, OrderPlaced.TYPE, order.orderId(), order);
    }

    /** One delivery of a {@code status} event. */
    void statusChanged(UUID eventId, OrderStatusChanged change) throws Exception {
        publish(eventId, OrderStatusChanged.TYPE, change.orderId(), change);
    }

    private void publish(UUID eventId, String type, long orderId, Object payload) throws Exception {
        String topic = DataTier.shared().scope().topic(OrderPlaced.TOPIC);   // where the service under test reads
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, Long.toString(orderId),
                json.writeValueAsBytes(payload));
        record.headers().add("event-id", eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", type.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
