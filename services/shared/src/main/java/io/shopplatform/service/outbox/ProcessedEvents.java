package io.shopplatform.service.outbox;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The guard that makes a consumer idempotent: call {@link #firstTime} in the transaction of the event's effect;
 * a redelivered event finds its row and is skipped.
 */
public final class ProcessedEvents {

    private final JdbcTemplate jdbc;
    private final String insert;

    ProcessedEvents(JdbcTemplate jdbc, String schema) {
        this.jdbc = jdbc;
        this.insert = "INSERT INTO " + schema + ".processed_events (consumer, event_id) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING";
    }

    /** True if {@code consumer} has not handled {@code eventId} before (and records that it now has). */
    public boolean firstTime(String consumer, UUID eventId) {
        return jdbc.update(insert, consumer, eventId) == 1;
    }
}
