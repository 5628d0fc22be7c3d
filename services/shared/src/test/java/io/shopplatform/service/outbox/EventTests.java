package io.shopplatform.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTests {

    record Placed(long orderId) {}

    /** A service strict about requests (unknown properties fail) still reads an event a newer producer extended. */
    @Test
    void aFieldANewerProducerAddedIsIgnored() {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Event event = new Event(UUID.randomUUID(), "placed", "1",
                "{\"orderId\": 42, \"channel\": \"app\"}".getBytes(StandardCharsets.UTF_8), 1);

        assertThat(event.payload(strict, Placed.class)).isEqualTo(new Placed(42));
    }
}
