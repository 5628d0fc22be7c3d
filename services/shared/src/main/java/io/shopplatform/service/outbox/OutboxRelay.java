package io.shopplatform.service.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes unpublished outbox rows to Kafka, oldest first, and stamps them published. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so every instance can run a relay without sending a row twice at the same time;
 * a row is stamped only after Kafka acknowledged it, so while Kafka is down events wait, none is lost (a crash
 * between the acknowledgement and the stamp sends it again: consumers are idempotent). Two relays may publish
 * two events of one aggregate out of order, so consumers compare versions rather than trust arrival order.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    static final String EVENT_ID = "event-id", EVENT_TYPE = "event-type";

    private record Row(UUID id, String aggregateType, String aggregateId, String eventType, String payload) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaProperties props;
    private final Counter published;
    private final Semaphore wake = new Semaphore(0);
    private final String claim, stamp;
    private volatile Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private boolean failing;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaProperties props, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
        this.published = Counter.builder("shop.outbox.published").description("events relayed to Kafka")
                .register(meters);
        this.claim = "SELECT id, aggregate_type, aggregate_id, event_type, payload::text FROM " + props.schema()
                + ".outbox WHERE published_at IS NULL ORDER BY created_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED";
        this.stamp = "UPDATE " + props.schema() + ".outbox SET published_at = now() WHERE id = ANY (?)";
    }

    void wakeUp() {
        wake.release();
    }

    @Override
    public void start() {
        Map<String, Object> config = KafkaClients.common(props, "outbox-relay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, props.sendTimeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) props.sendTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) props.sendTimeout().toMillis() * 2);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        Thread t = new Thread(this::run, "outbox-relay");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(props.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(java.time.Duration.ofSeconds(1));
    }

    @Override
    public boolean isRunning() {
        return thread != null;
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

    /** Publishes one batch; returns how many events it sent. */
    int relayOnce() {
        Integer sent = tx.execute(status -> {
            List<Row> rows = jdbc.query(claim, (rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getString(5)));
            if (rows.isEmpty()) {
                return 0;
            }
            List<Future<?>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(props.schema() + "." + row.aggregateType(),
                        row.aggregateId(), row.payload().getBytes(StandardCharsets.UTF_8));
                record.headers().add(EVENT_ID, row.id().toString().getBytes(StandardCharsets.UTF_8));
                record.headers().add(EVENT_TYPE, row.eventType().getBytes(StandardCharsets.UTF_8));
                acks.add(producer.send(record));
            }
            try {
                for (Future<?> ack : acks) {
                    ack.get(props.sendTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge the batch", e);
            }
            UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
            jdbc.update(stamp, ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)));
            return rows.size();
        });
        published.increment(sent);
        return sent;
    }
}
