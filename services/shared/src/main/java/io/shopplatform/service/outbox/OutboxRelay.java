package io.shopplatform.service.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.model.ShopScope;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Publishes unpublished outbox rows to Kafka, oldest first, and stamps them published once Kafka acknowledged them:
 * while Kafka is down events wait, none is lost (a crash between the acknowledgement and the stamp sends one again:
 * consumers are idempotent and compare versions).
 *
 * <ul>
 *   <li>One active relay per schema: each instance runs one, but only the holder of the schema's advisory lock
 *       publishes, so one aggregate's events leave in the order they were written.</li>
 *   <li>No transaction spans Kafka: rows are read, sent, then stamped in short statements of their own.</li>
 *   <li>The relay creates each topic before its first send (the cluster's brokers do not auto-create).</li>
 *   <li>A row Kafka refuses is retried {@code shop.kafka.max-attempts} times, then parked; the rows of other
 *       aggregates pass it at once, its own aggregate's later rows wait behind it until it is sent or parked.</li>
 *   <li>A Kafka that is down or unreachable refuses nothing: its rows wait however long the outage lasts, counted
 *       against no attempt (else an outage of a minute would park every event written during it).</li>
 *   <li>Published rows and processed-event records older than their retention are pruned.</li>
 * </ul>
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    private static final int PRUNE_BATCH = 5_000;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    public static final String EVENT_ID = "event-id", EVENT_TYPE = "event-type", EVENT_VERSION = "event-version";

    record Row(UUID id, String aggregateType, String aggregateId, String eventType, String payload, long version,
               int attempts) {}

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final KafkaProperties props;
    private final ShopScope scope;
    private final Counter published, parked;
    private final Semaphore wake = new Semaphore(0);
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final Counter unavailable;
    private final String claim, stamp, fail, wait, pruneOutbox, pruneProcessed;
    private volatile Thread thread;
    private volatile Connection lock;
    private KafkaProducer<String, byte[]> producer;
    private boolean failing;
    private long lastPrune;

    OutboxRelay(DataSource dataSource, JdbcTemplate jdbc, KafkaProperties props, ShopScope scope,
                MeterRegistry meters) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.props = props;
        this.scope = scope;
        String outbox = props.schema() + ".outbox";
        this.published = Counter.builder("shop.outbox.published").description("events relayed to Kafka")
                .register(meters);
        this.parked = Counter.builder("shop.outbox.parked")
                .description("events Kafka kept refusing, left in the outbox for an operator").register(meters);
        this.unavailable = Counter.builder("shop.outbox.unavailable")
                .description("relay rounds that found Kafka down or unreachable; their events wait").register(meters);
        Gauge.builder("shop.outbox.relay.active", this, r -> r.lock != null ? 1 : 0)
                .description("1 on the instance whose relay holds the schema's lock and publishes").register(meters);
        // PgPool would balance a plain SELECT to a standby, which may not have the newest rows yet.
        this.claim = "/*NO LOAD BALANCE*/ SELECT id, aggregate_type, aggregate_id, event_type, payload::text, version,"
                + " attempts FROM " + outbox + " WHERE published_at IS NULL AND parked_at IS NULL"
                + " ORDER BY created_at, id LIMIT " + BATCH;
        this.stamp = "UPDATE " + outbox + " SET published_at = now() WHERE id = ANY (?)";
        this.fail = "UPDATE " + outbox + " SET attempts = attempts + 1, last_error = left(?, 2000),"
                + " parked_at = CASE WHEN attempts + 1 >= ? THEN now() END WHERE id = ?";
        this.wait = "UPDATE " + outbox + " SET last_error = left(?, 2000) WHERE id = ANY (?)";
        this.pruneOutbox = "DELETE FROM " + outbox + " WHERE id IN (SELECT id FROM " + outbox
                + " WHERE published_at < now() - make_interval(secs => ?) LIMIT " + PRUNE_BATCH + ")";
        this.pruneProcessed = "DELETE FROM " + props.schema() + ".processed_events WHERE (consumer, event_id) IN"
                + " (SELECT consumer, event_id FROM " + props.schema() + ".processed_events"
                + " WHERE processed_at < now() - make_interval(secs => ?) LIMIT " + PRUNE_BATCH + ")";
    }

    void wakeUp() {
        wake.release();
    }

    @Override
    public void start() {
        open();
        Thread t = new Thread(this::run, "outbox-relay");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** The producer alone: {@link #start} adds the thread that relays; a test drives {@link #relayOnce} itself. */
    void open() {
        Map<String, Object> config = KafkaClients.common(props, "outbox-relay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, props.sendTimeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) props.sendTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) props.sendTimeout().toMillis() * 2);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(props.sendTimeout().toMillis() * 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(1));
        release();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Whether this instance's relay is the one publishing for its schema. */
    public boolean isActive() {
        return lock != null;
    }

    private void run() {
        while (thread != null) {
            try {
                int sent = relayOnce();
                if (failing) {
                    log.info("outbox relay is publishing again");
                    failing = false;
                }
                if (sent < BATCH) {
                    wake.tryAcquire(props.relayEvery().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("outbox relay cannot publish; events wait in {}.outbox: {}", props.schema(), e.toString());
                    failing = true;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(props.relayEvery().toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Publishes one batch if this instance holds the schema's lock; returns how many events it published. */
    int relayOnce() throws InterruptedException {
        if (!holdLock()) {
            return 0;
        }
        if (System.nanoTime() - lastPrune > PRUNE_EVERY.toNanos()) {
            prune();
        }
        List<Row> rows = jdbc.query(claim, (rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getInt(7)));
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<?>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            acks.add(send(row));
        }
        List<UUID> sent = new ArrayList<>(rows.size()), waiting = new ArrayList<>();
        Throwable outage = null;
        Set<String> blocked = new HashSet<>();   // aggregates whose earlier row failed: later ones wait behind it
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Throwable error = failure(acks.get(i));
            String aggregate = row.aggregateType() + '/' + row.aggregateId();
            if (blocked.contains(aggregate)) {
                continue;
            }
            if (error == null) {
                sent.add(row.id());
            } else if (unavailable(error)) {
                blocked.add(aggregate);
                waiting.add(row.id());
                outage = error;
            } else {
                blocked.add(aggregate);
                jdbc.update(fail, error.toString(), props.maxAttempts(), row.id());
                if (row.attempts() + 1 >= props.maxAttempts()) {
                    parked.increment();
                    log.error("outbox event {} ({} {} of {}) parked after {} attempts: {}", row.id(), row.eventType(),
                            row.aggregateId(), topic(row), props.maxAttempts(), error);
                }
            }
        }
        if (!sent.isEmpty()) {
            UUID[] ids = sent.toArray(UUID[]::new);
            jdbc.update(stamp, ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)));
            published.increment(ids.length);
        }
        if (outage != null) {
            String why = outage.toString();
            UUID[] ids = waiting.toArray(UUID[]::new);
            jdbc.update(wait, ps -> {
                ps.setString(1, why);
                ps.setArray(2, ps.getConnection().createArrayOf("uuid", ids));
            });
            unavailable.increment();
        }
        return sent.size();
    }

    /** Deletes published rows and processed-event records past their retention, a bounded batch at a time. */
    void prune() {
        lastPrune = System.nanoTime();
        int rows, events;
        do {
            rows = jdbc.update(pruneOutbox, props.keepPublished().toSeconds());
        } while (rows == PRUNE_BATCH && thread != null);
        do {
            events = jdbc.update(pruneProcessed, props.keepProcessed().toSeconds());
        } while (events == PRUNE_BATCH && thread != null);
    }

    private String topic(Row row) {
        return scope.topic(KafkaClients.topic(props.schema(), row.aggregateType()));
    }

    private Future<?> send(Row row) {
        try {
            String topic = topic(row);
            if (topics.add(topic)) {
                try {
                    KafkaClients.ensureTopic(props, topic);
                } catch (RuntimeException e) {
                    topics.remove(topic);
                    throw e;
                }
            }
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, row.aggregateId(),
                    row.payload().getBytes(StandardCharsets.UTF_8));
            record.headers().add(EVENT_ID, bytes(row.id().toString()));
            record.headers().add(EVENT_TYPE, bytes(row.eventType()));
            record.headers().add(EVENT_VERSION, bytes(Long.toString(row.version())));
            return producer.send(record);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Null when Kafka acknowledged the send, else why not. Waits for the producer's own verdict: a batch in flight
     * when its delivery timeout passes is not expired until its request times out too, and is often delivered (a
     * broker coming back); giving up on it sooner would mark it failed, send it again, and put it on the topic twice.
     */
    private Throwable failure(Future<?> ack) throws InterruptedException {
        try {
            ack.get(props.sendTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    /** Kafka down, unreachable or timing out (worth waiting for), as opposed to Kafka refusing this event. */
    static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Takes or keeps the schema's advisory lock on a connection of its own; false while another instance holds it. */
    private boolean holdLock() {
        Connection held = lock;
        try {
            if (held != null) {
                if (held.isValid(2)) {
                    return true;
                }
                log.warn("outbox relay lost its connection (and its lock on {}); taking it again", props.schema());
                release();
            }
            Connection c = dataSource.getConnection();
            c.setAutoCommit(true);
            // A volatile function: PgPool runs it on the primary, where the lock lives as long as this session.
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
                s.setString(1, "outbox-relay." + props.schema());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        lock = c;
                        log.info("outbox relay of {} is active on this instance", props.schema());
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            release();
            throw new IllegalStateException("cannot take the outbox relay's lock", e);
        }
    }

    private void release() {
        Connection c = lock;
        lock = null;
        if (c != null) {
            try (c; PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                s.execute();   // the connection goes back to a pool: it must not keep the lock there
            } catch (SQLException e) {
                log.debug("releasing the relay's lock", e);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
