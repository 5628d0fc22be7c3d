package io.shopplatform.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shopplatform.model.ShopScope;
import io.shopplatform.service.testing.TopicRecords;
import io.shopplatform.testing.DataTier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Consumers on the shared tier's Kafka, in the tests' scope, each test on topics and groups of its own. */
class EventConsumersIntegrationTests {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Set<String> handled = ConcurrentHashMap.newKeySet();
    final ShopScope scope = DataTier.shared().scope();
    /** As a subscription names it; {@link #scoped} is where it lives on the broker. */
    final String topic = "consumers." + UUID.randomUUID().toString().substring(0, 8), scoped = scope.topic(topic);
    EventConsumers consumers;

    static KafkaProperties kafka(Duration maxPollInterval, int maxAttempts) {
        DataTier tier = DataTier.shared();
        return new KafkaProperties(tier.kafkaBootstrap(), tier.kafka().user(), tier.kafka().password(), "test",
                Duration.ofSeconds(1), Duration.ofSeconds(5), maxAttempts, Duration.ofDays(7), Duration.ofDays(14),
                maxPollInterval, Duration.ofMinutes(2), "");
    }

    @AfterEach
    void stop() {
        if (consumers != null) {
            consumers.stop();
        }
    }

    void publish(KafkaProperties props, String type) throws Exception {
        publish(props, scoped, type);
    }

    void publish(KafkaProperties props, String onTopic, String type) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.common(props, "test"),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(onTopic, "k",
                    "{}".getBytes(StandardCharsets.UTF_8));
            record.headers().add(OutboxRelay.EVENT_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add(OutboxRelay.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
    }

    /** A handler slower than max.poll.interval.ms gets the consumer kicked out: its commit fails, it must go on. */
    @Test
    void aConsumerKeepsConsumingAfterItsCommitFailedInARebalance() throws Exception {
        KafkaProperties props = kafka(Duration.ofSeconds(3), 5);
        KafkaClients.ensureTopic(props, scoped);
        AtomicBoolean firstTime = new AtomicBoolean(true);
        CountDownLatch never = new CountDownLatch(1);
        consumers = new EventConsumers(List.of(EventSubscription.shared(topic, "g-" + topic, event -> {
            if (event.type().equals("slow") && firstTime.getAndSet(false)) {
                block(never, Duration.ofSeconds(8));   // past max.poll.interval: the group moves on without us
            }
            handled.add(event.type());
        })), props, scope, meters);
        consumers.start();

        publish(props, "slow");
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("slow"));
        publish(props, "after");

        await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("after"));
        assertThat(meters.get("shop.events.commit.failures").counter().count()).isPositive();
        assertThat(consumers.alive()).isTrue();
    }

    @Test
    void anEventItsHandlerKeepsFailingOnIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        KafkaProperties props = kafka(Duration.ofMinutes(5), 2);
        KafkaClients.ensureTopic(props, scoped);
        consumers = new EventConsumers(List.of(EventSubscription.shared(topic, "g-" + topic, event -> {
            if (event.type().equals("poison")) {
                throw new IllegalArgumentException("cannot handle " + event.id());
            }
            handled.add(event.type());
        })), props, scope, meters);
        consumers.start();

        publish(props, "poison");
        publish(props, "good");

        await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("good"));
        assertThat(meters.get("shop.events.dead.letters").counter().count()).isEqualTo(1);
        assertThat(TopicRecords.read(props, topic + Subscriber.DEAD_LETTERS, 1))
                .extracting(r -> TopicRecords.header(r, OutboxRelay.EVENT_TYPE)).containsExactly("poison");
    }

    /** An instance started just after a change must still evict on its event. */
    @Test
    void aBroadcastConsumerStartsABoundedTimeBackAndIsPositionedBeforeTheInstanceIsReady() throws Exception {
        KafkaProperties props = kafka(Duration.ofMinutes(5), 5);
        KafkaClients.ensureTopic(props, scoped);
        publish(props, "changed-before-start");

        consumers = new EventConsumers(List.of(EventSubscription.broadcast(topic, event -> handled.add(event.type()))),
                props, scope, meters);
        consumers.start();

        assertThat(consumers.positioned()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("changed-before-start"));
    }

    /** The developer's shop publishes the same topics unscoped on the same broker: the tests must not read them. */
    @Test
    void aConsumerReadsItsScopesTopicNotTheTopicAsNamed() throws Exception {
        KafkaProperties props = kafka(Duration.ofMinutes(5), 5);
        consumers = new EventConsumers(List.of(EventSubscription.shared(topic, "g-" + topic,
                event -> handled.add(event.type()))), props, scope, meters);
        consumers.start();

        KafkaClients.ensureTopic(props, topic);
        publish(props, topic, "the-shops");
        publish(props, scoped, "the-tests");

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("the-tests"));
        assertThat(scoped).isEqualTo("test." + topic);
        assertThat(handled).containsExactly("the-tests");
    }

    @Test
    void anUnscopedConsumerReadsTheTopicAsNamed() throws Exception {
        KafkaProperties props = kafka(Duration.ofMinutes(5), 5);
        consumers = new EventConsumers(List.of(EventSubscription.shared(topic, "g-" + topic,
                event -> handled.add(event.type()))), props, ShopScope.NONE, meters);
        consumers.start();

        publish(props, topic, "the-shops");   // the consumer created the topic as named

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("the-shops"));
    }

    @Test
    void twoSubscriptionsOfOneTopicInOneGroupRefuseToStart() {
        KafkaProperties props = kafka(Duration.ofMinutes(5), 5);
        List<EventSubscription> twice = List.of(EventSubscription.shared(topic, "g", e -> { }),
                EventSubscription.shared(topic, "g", e -> { }));

        assertThatThrownBy(() -> new EventConsumers(twice, props, scope, meters))
                .hasMessageContaining("dispatches by event type");
        assertThat(EventSubscription.byType(topic, "g", Map.of("a", e -> handled.add("a"))).topic()).isEqualTo(topic);
    }

    private static void block(CountDownLatch latch, Duration atMost) {
        try {
            latch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
