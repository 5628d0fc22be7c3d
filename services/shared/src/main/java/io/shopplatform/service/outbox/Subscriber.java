package io.shopplatform.service.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.shopplatform.model.ShopScope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread for one {@link EventSubscription}, built to keep running: a failed commit (a rebalance, a
 * poll past {@code max.poll.interval.ms}, a coordinator outage) is logged and the events are polled again
 * (handlers are idempotent); any other failure closes the consumer and starts a new one. An event its handler
 * keeps failing on goes, after {@code shop.kafka.max-attempts}, to the dead-letter topic {@code <topic>.dead-letters}
 * (metric {@code shop_events_dead_letters_total}) and the partition moves on. Liveness and lag are gauges
 * ({@code shop_events_consumer_alive}, {@code shop_events_consumer_lag}) and a health contributor.
 */
final class Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(500);
    static final String DEAD_LETTERS = ".dead-letters", ERROR = "error";

    private final EventSubscription subscription;
    /** The subscription's topic in this process's {@link ShopScope}: the one consumed. */
    private final String topic;
    private final KafkaProperties props;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Map<TopicPartition, Failure> failures = new HashMap<>();
    private final AtomicLong lastPoll = new AtomicLong(), lag = new AtomicLong();
    private final Counter deadLettered, commitFailures, restarts;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /** The offset a batch failed at and how often. */
    private record Failure(long offset, int attempts) {}

    Subscriber(EventSubscription subscription, KafkaProperties props, ShopScope scope,
               KafkaProducer<String, byte[]> deadLetters, MeterRegistry meters) {
        this.subscription = subscription;
        this.topic = scope.topic(subscription.topic());
        this.props = props;
        this.deadLetters = deadLetters;
        Tags tags = Tags.of("topic", subscription.topic(), "group", String.valueOf(subscription.group()));
        this.deadLettered = Counter.builder("shop.events.dead.letters").tags(tags)
                .description("events a handler kept failing on, sent to the dead-letter topic").register(meters);
        this.commitFailures = Counter.builder("shop.events.commit.failures").tags(tags)
                .description("offset commits that failed (a rebalance or coordinator outage); events are polled again")
                .register(meters);
        this.restarts = Counter.builder("shop.events.consumer.restarts").tags(tags)
                .description("consumers closed after an unexpected failure and created again").register(meters);
        Gauge.builder("shop.events.consumer.alive", this, s -> s.isAlive() ? 1 : 0).tags(tags)
                .description("1 while the consumer polls").register(meters);
        Gauge.builder("shop.events.consumer.lag", lag, AtomicLong::get).tags(tags)
                .description("events on the assigned partitions not yet handled").register(meters);
        this.thread = new Thread(this::run, "events-" + topic);
        thread.setDaemon(true);
    }

    EventSubscription subscription() {
        return subscription;
    }

    /** Starts consuming; waits up to {@code wait} until the consumer knows where to start reading. */
    void start(Duration wait) throws InterruptedException {
        thread.start();
        if (!positioned.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("events of {} are not subscribed yet (is Kafka up?); retrying in the background", topic);
        }
    }

    /** Whether a broadcast consumer has found its starting point (the instance is not ready before). */
    boolean isPositioned() {
        return positioned.getCount() == 0;
    }

    /** Polling, or positioning, within the last poll interval. */
    boolean isAlive() {
        return thread.isAlive()
                && System.nanoTime() - lastPoll.get() < props.maxPollInterval().toNanos() + RETRY.toNanos() * 10;
    }

    long lag() {
        return lag.get();
    }

    void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.join(5_000);
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> config = KafkaClients.common(props, "events-" + topic);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);   // an eviction should not wait for a full fetch
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) props.maxPollInterval().toMillis());
        if (subscription.group() != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, subscription.group() + props.groupSuffix());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void run() {
        while (running) {
            lastPoll.set(System.nanoTime());
            try {
                consumer = newConsumer();
                while (running && !position()) {
                    lastPoll.set(System.nanoTime());
                    TimeUnit.MILLISECONDS.sleep(RETRY.toMillis());
                }
                while (running) {
                    poll();
                    lastPoll.set(System.nanoTime());
                }
            } catch (WakeupException | InterruptedException e) {
                return;   // stopping
            } catch (RuntimeException e) {
                restarts.increment();
                log.warn("consumer of {} (group {}) failed; starting a new one", topic, subscription.group(), e);
                try {
                    TimeUnit.MILLISECONDS.sleep(RETRY.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            } finally {
                closeQuietly();
            }
        }
    }

    /**
     * A shared subscription joins its group. A broadcast one reads every partition without a group, starting
     * {@code shop.kafka.broadcast-look-back} back, so an instance started just after a change still sees its event.
     */
    private boolean position() {
        try {
            KafkaClients.ensureTopic(props, topic);
            if (subscription.group() != null) {
                consumer.subscribe(List.of(topic));
            } else {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    return false;   // the topic's metadata has not reached this broker connection yet
                }
                consumer.assign(partitions);
                long since = System.currentTimeMillis() - props.broadcastLookBack().toMillis();
                Map<TopicPartition, Long> at = new HashMap<>();
                partitions.forEach(p -> at.put(p, since));
                Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(at, Duration.ofSeconds(5));
                for (TopicPartition p : partitions) {
                    OffsetAndTimestamp o = offsets.get(p);
                    if (o == null) {
                        consumer.seekToEnd(List.of(p));
                    } else {
                        consumer.seek(p, o.offset());
                    }
                    consumer.position(p);   // resolve the start now, not at the first poll
                }
            }
            positioned.countDown();
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.debug("cannot subscribe to {} yet", topic, e);
            return false;
        }
    }

    /**
     * Hands each partition's events to the handler. A failed batch is polled again from where it failed (later
     * events wait behind it); after {@code max-attempts} failures at one offset that event is dead-lettered.
     */
    private void poll() throws InterruptedException {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        boolean failed = false;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            try {
                subscription.handler().accept(batch.stream().map(Subscriber::event).toList());
                failures.remove(partition);
            } catch (RuntimeException e) {
                failed = true;
                retryOneByOne(partition, batch);
            }
        }
        measureLag();
        if (subscription.group() != null && !records.isEmpty()) {
            commit();
        }
        if (failed) {
            TimeUnit.MILLISECONDS.sleep(RETRY.toMillis());
        }
    }

    /**
     * Handles a failed batch one event at a time, so only the event that fails is counted (and, in the end,
     * dead-lettered); the partition is left positioned at the event to try next.
     */
    private void retryOneByOne(TopicPartition partition, List<ConsumerRecord<String, byte[]>> batch) {
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                subscription.handler().accept(List.of(event(record)));
            } catch (RuntimeException e) {
                Failure previous = failures.get(partition);
                int attempts = previous != null && previous.offset() == record.offset() ? previous.attempts() + 1 : 1;
                if (attempts < props.maxAttempts()) {
                    failures.put(partition, new Failure(record.offset(), attempts));
                    log.warn("handling event {} of {} failed (attempt {} of {}); retrying", record.offset(), partition,
                            attempts, props.maxAttempts(), e);
                    consumer.seek(partition, record.offset());
                    return;
                }
                deadLetter(record, e);
                failures.remove(partition);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException e) {
        String topic = record.topic() + DEAD_LETTERS;
        try {
            KafkaClients.ensureTopic(props, topic);
            ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topic, record.key(), record.value());
            record.headers().forEach(h -> dead.headers().add(h));
            dead.headers().add(ERROR, String.valueOf(e).getBytes(StandardCharsets.UTF_8));
            deadLetters.send(dead).get(props.sendTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while dead-lettering", ie);
        } catch (Exception sendFailure) {
            // Not lost: the event stays where it is and is tried again.
            throw new KafkaException("cannot dead-letter event " + record.offset() + " of " + record.topic(),
                    sendFailure);
        }
        deadLettered.increment();
        log.error("event {} of {}-{} (group {}) failed {} times; sent to {}", record.offset(), record.topic(),
                record.partition(), subscription.group(), props.maxAttempts(), topic, e);
    }

    private void commit() {
        try {
            consumer.commitSync(props.sendTimeout());
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // A rebalance or a coordinator outage: the uncommitted events come again (to us or another instance).
            commitFailures.increment();
            log.warn("committing {} (group {}) failed; its events will be handled again: {}", topic,
                    subscription.group(), e.toString());
        }
    }

    private void measureLag() {
        long total = 0;
        for (TopicPartition p : consumer.assignment()) {
            total += consumer.currentLag(p).orElse(0);
        }
        lag.set(total);
    }

    private void closeQuietly() {
        KafkaConsumer<String, byte[]> c = consumer;
        consumer = null;
        if (c != null) {
            try {
                c.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                log.debug("closing the consumer of {}", topic, e);
            }
        }
    }

    private static Event event(ConsumerRecord<String, byte[]> r) {
        String id = header(r, OutboxRelay.EVENT_ID);
        String version = header(r, OutboxRelay.EVENT_VERSION);
        return new Event(id == null ? null : UUID.fromString(id), header(r, OutboxRelay.EVENT_TYPE), r.key(), r.value(),
                version == null ? 0 : Long.parseLong(version));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
