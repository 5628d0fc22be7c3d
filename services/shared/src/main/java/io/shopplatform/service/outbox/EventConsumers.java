package io.shopplatform.service.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.model.ShopScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one consumer per declared {@link EventSubscription}: started before the web server takes traffic, stopped
 * after it stopped. Two subscriptions of one topic and group would split its partitions and commit past each
 * other's events, so that refuses to start: one subscription per (topic, group) dispatches by event type
 * ({@link EventSubscription#byType}).
 */
public final class EventConsumers implements SmartLifecycle {

    private final List<EventSubscription> subscriptions;
    private final KafkaProperties props;
    private final ShopScope scope;
    private final MeterRegistry meters;
    private final List<Subscriber> running = new ArrayList<>();
    private KafkaProducer<String, byte[]> deadLetters;

    EventConsumers(List<EventSubscription> subscriptions, KafkaProperties props, ShopScope scope,
                   MeterRegistry meters) {
        Set<String> seen = new HashSet<>();
        for (EventSubscription s : subscriptions) {
            if (!seen.add(s.topic() + " / " + s.group())) {
                throw new IllegalStateException("two subscriptions of topic " + s.topic() + " in group " + s.group()
                        + ": they would split its partitions; declare one that dispatches by event type");
            }
        }
        this.subscriptions = List.copyOf(subscriptions);
        this.props = props;
        this.scope = scope;
        this.meters = meters;
    }

    /** Every consumer polls (the liveness probe's question). */
    public boolean alive() {
        return running.stream().allMatch(Subscriber::isAlive);
    }

    /** Every broadcast consumer knows where to read from (the readiness probe's question: evictions reach us). */
    public boolean positioned() {
        return running.stream().filter(s -> s.subscription().group() == null).allMatch(Subscriber::isPositioned);
    }

    /** Per consumer, {@code topic/group} → events not yet handled. */
    public Map<String, Long> lag() {
        Map<String, Long> lag = new java.util.TreeMap<>();
        running.forEach(s -> lag.put(s.subscription().topic() + "/" + s.subscription().group(), s.lag()));
        return lag;
    }

    @Override
    public synchronized void start() {
        Map<String, Object> config = KafkaClients.common(props, "dead-letters");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, props.sendTimeout().toMillis());
        deadLetters = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        try {
            for (EventSubscription s : subscriptions) {
                Subscriber subscriber = new Subscriber(s, props, scope, deadLetters, meters);
                running.add(subscriber);
                subscriber.start(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        try {
            for (Subscriber s : running) {
                s.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.clear();
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(1));
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !running.isEmpty();
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;   // before the web server (which starts last)
    }
}
