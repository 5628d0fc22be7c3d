package io.shopplatform.service.testing;

import io.shopplatform.service.outbox.KafkaClients;
import io.shopplatform.service.outbox.KafkaProperties;
import io.shopplatform.testing.DataTier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a topic holds, read from its beginning by a consumer of no group (so it changes no one's offsets). Topics are
 * named as the services name them ({@code OrderPlaced.TOPIC}) and read in the tests' scope ({@link DataTier#scope()}),
 * where the services under test publish them.
 */
public final class TopicRecords {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private TopicRecords() {}

    /** The first {@code count} records, or fewer if that many do not arrive in time. */
    public static List<ConsumerRecord<String, byte[]>> read(KafkaProperties props, String topic, int count) {
        return read(props, topic, (consumer, records) -> records.size() >= count);
    }

    /** Every record the topic holds now: up to each partition's end offset when the read began. */
    public static List<ConsumerRecord<String, byte[]>> readAll(KafkaProperties props, String topic) {
        return read(props, topic, (consumer, records) -> {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), PATIENCE);
            return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        });
    }

    public static String header(ConsumerRecord<?, ?> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private interface Done {
        boolean test(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> records);
    }

    private static List<ConsumerRecord<String, byte[]>> read(KafkaProperties props, String unscoped, Done done) {
        String topic = DataTier.shared().scope().topic(unscoped);
        Map<String, Object> config = KafkaClients.common(props, "test-" + topic);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!done.test(consumer, records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
