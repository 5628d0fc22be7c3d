package io.shopplatform.service.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a service writes its domain events: a row in its schema's {@code outbox}, in the same transaction as the
 * change, so an event exists if and only if the change committed. The {@link OutboxRelay} publishes it to the
 * topic {@link KafkaClients#topic} ({@code <schema>.<aggregateType>}) with the aggregate id as the message key.
 */
public final class Outbox {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final OutboxRelay relay;
    private final String insert, nextVersion;

    Outbox(JdbcTemplate jdbc, ObjectMapper json, OutboxRelay relay, String schema) {
        this.jdbc = jdbc;
        this.json = json;
        this.relay = relay;
        this.insert = "INSERT INTO " + schema + ".outbox (id, aggregate_type, aggregate_id, event_type, payload, version)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?)";
        // The counter row stays locked until the change commits: a later writer of the aggregate gets a higher version.
        this.nextVersion = "INSERT INTO " + schema + ".aggregate_versions AS v (aggregate_type, aggregate_id, version)"
                + " VALUES (?, ?, 1) ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = v.version + 1"
                + " RETURNING version";
    }

    /**
     * Records an event; must be called inside the transaction that makes the change. Returns the event id. The event
     * carries its aggregate's next version (header {@code event-version}), so consumers can drop older ones.
     */
    public UUID append(String aggregateType, String aggregateId, String eventType, Object payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an outbox event must be written in the transaction of its change");
        }
        UUID id = UUID.randomUUID();
        try {
            Long version = jdbc.queryForObject(nextVersion, Long.class, aggregateType, aggregateId);
            jdbc.update(insert, id, aggregateType, aggregateId, eventType, json.writeValueAsString(payload), version);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + eventType, e);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();   // publish now rather than at the next poll: invalidation latency is this path
            }
        });
        return id;
    }
}
