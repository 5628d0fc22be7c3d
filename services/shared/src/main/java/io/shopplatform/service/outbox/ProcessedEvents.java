package io.shopplatform.service.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The guard that makes a consumer idempotent: call {@link #firstTime} in the transaction of the event's effect;
 * a redelivered event finds its row and is skipped. {@link #once} builds the whole consumer around it.
 */
public final class ProcessedEvents {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final String insert;

    ProcessedEvents(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper json, String schema) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.insert = "INSERT INTO " + schema + ".processed_events (consumer, event_id) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING";
    }

    /** True if {@code consumer} has not handled {@code eventId} before (and records that it now has). */
    public boolean firstTime(String consumer, UUID eventId) {
        return jdbc.update(insert, consumer, eventId) == 1;
    }

    /**
     * A subscription of group {@code consumer} that handles each event of {@code type} on {@code topic} once: the
     * payload read as {@code payload}, the handler run in the transaction that records the event id. Events of
     * other types pass by.
     */
    public <T> EventSubscription once(String topic, String consumer, String type, Class<T> payload,
                                      Consumer<T> handler) {
        return once(topic, consumer, type, payload, (read, event) -> handler.accept(read));
    }

    /** As {@link #once(String, String, String, Class, Consumer)}, with the event (its version, say) beside the payload. */
    public <T> EventSubscription once(String topic, String consumer, String type, Class<T> payload,
                                      BiConsumer<T, Event> handler) {
        Consumer<Event> once = handling(consumer, payload, handler);
        return EventSubscription.shared(topic, consumer, event -> {
            if (type.equals(event.type())) {
                once.accept(event);
            }
        });
    }

    /**
     * Group {@code consumer}'s handler of one event type, run once per event id in the transaction that records it:
     * for {@link EventSubscription#byType}, when one group reads several types of a topic.
     */
    public <T> Consumer<Event> handling(String consumer, Class<T> payload, Consumer<T> handler) {
        return handling(consumer, payload, (read, event) -> handler.accept(read));
    }

    private <T> Consumer<Event> handling(String consumer, Class<T> payload, BiConsumer<T, Event> handler) {
        return event -> {
            T read = event.payload(json, payload);
            tx.executeWithoutResult(status -> {
                if (firstTime(consumer, event.id())) {
                    handler.accept(read, event);
                }
            });
        };
    }
}
