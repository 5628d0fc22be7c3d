package io.shopplatform.local.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.testing.DataTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What the broker drill counts per consumer group, read from a broker of the test's own. */
class KafkaConsumerGroupsTests {

    private static final ThrowawayKafka broker = ThrowawayKafka.start(DataTier.shared().home());
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aGroupWithMembersShowsItsCommittedOffsetsAndLagAndLeavesWithItsLastMember() throws Exception {
        String topic = "drill-count-" + UUID.randomUUID(), group = "drill-group-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(client(), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "event " + i)).get();
            }
        }
        Properties consumerProps = client();
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 3);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            assertThat(pollUntil(consumer, 3)).hasSize(3);
            consumer.commitSync();

            assertThat(broker.activeGroups()).containsEntry(group, new Kafka.GroupPosition(3, 2));

            assertThat(pollUntil(consumer, 2)).hasSize(2);
            consumer.commitSync();
            assertThat(broker.activeGroups()).containsEntry(group, new Kafka.GroupPosition(5, 0));
        }
        assertThat(broker.activeGroups()).as("a group whose members are gone: nobody is there to catch up")
                .doesNotContainKey(group);
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(got::add);
        }
        return got;
    }

    private static Properties client() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        p.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        p.put(SaslConfigs.SASL_JAAS_CONFIG, Kafka.jaas(broker.user(), broker.password()));
        return p;
    }
}
