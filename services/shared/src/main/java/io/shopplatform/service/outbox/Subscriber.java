package io.shopplatform.service.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One consumer thread for one {@link EventSubscription}. */
final class Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final EventSubscription subscription;
    private final KafkaProperties props;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running = true;
    private final Thread thread;

    Subscriber(EventSubscription subscription, KafkaProperties props) {
        this.subscription = subscription;
        this.props = props;
        Map<String, Object> config = KafkaClients.common(props, "events-" + subscription.topic());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);   // an eviction should not wait for a full fetch
        if (subscription.group() != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, subscription.group());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "events-" + subscription.topic());
        thread.setDaemon(true);
    }

    /** Starts consuming; waits up to {@code wait} until a broadcast subscription knows where "now" is. */
    void start(Duration wait) throws InterruptedException {
        thread.start();
        if (!positioned.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("events of {} are not subscribed yet (is Kafka up?); retrying in the background",
                    subscription.topic());
        }
    }

    void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }

    private void run() {
        try {
            while (running && !position()) {
                TimeUnit.MILLISECONDS.sleep(RETRY.toMillis());
            }
            while (running) {
                poll();
            }
        } catch (WakeupException | InterruptedException e) {
            // stopping
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /** A broadcast reads all partitions from their current end, without a group; a shared one joins its group. */
    private boolean position() {
        try {
            KafkaClients.ensureTopic(props, subscription.topic());
            if (subscription.group() != null) {
                consumer.subscribe(List.of(subscription.topic()));
            } else {
                List<TopicPartition> partitions = consumer.partitionsFor(subscription.topic(), Duration.ofSeconds(5))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    return false;   // the topic's metadata has not reached this broker connection yet
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);   // resolve "the end" now, not at the first poll
            }
            positioned.countDown();
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.debug("cannot subscribe to {} yet", subscription.topic(), e);
            return false;
        }
    }

    /** Hands each partition's events to the handler; a failed batch is polled again, later events wait behind it. */
    private void poll() throws InterruptedException {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        boolean failed = false;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            try {
                subscription.handler().accept(batch.stream().map(r -> new Event(
                        UUID.fromString(header(r, OutboxRelay.EVENT_ID)), header(r, OutboxRelay.EVENT_TYPE), r.key(),
                        r.value())).toList());
            } catch (RuntimeException e) {
                log.warn("handling events {}-{} of {} failed; retrying", batch.get(0).offset(),
                        batch.get(batch.size() - 1).offset(), partition, e);
                consumer.seek(partition, batch.get(0).offset());
                failed = true;
            }
        }
        if (subscription.group() != null && !records.isEmpty()) {
            consumer.commitSync();
        }
        if (failed) {
            TimeUnit.MILLISECONDS.sleep(RETRY.toMillis());
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
