package io.shopplatform.service.outbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * A domain event as a subscriber receives it: the outbox row's id, type, aggregate id, JSON payload, and the
 * aggregate's version at that event (0 from a producer that sends none): apply an event only if it is newer.
 */
public record Event(UUID id, String type, String aggregateId, byte[] payload, long version) {

    /**
     * The payload read leniently: a field added by a newer producer (in a rolling deploy) is ignored, so an older
     * consumer does not retry the event forever.
     */
    public <T> T payload(ObjectMapper json, Class<T> type) {
        try {
            return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + this.type + " event " + id, e);
        }
    }
}
