package io.shopplatform.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/** Which failures make an event wait (Kafka away) and which count towards parking it (Kafka refusing it). */
class OutboxRelayTests {

    @Test
    void kafkaDownUnreachableOrSlowIsWaitedFor() {
        assertThat(OutboxRelay.unavailable(new org.apache.kafka.common.errors.TimeoutException("no metadata"))).isTrue();
        assertThat(OutboxRelay.unavailable(new NetworkException("connection reset"))).isTrue();
        assertThat(OutboxRelay.unavailable(new KafkaException("timed out creating topic", new TimeoutException())))
                .as("the topic could not be created in time").isTrue();
    }

    @Test
    void anEventKafkaRefusesCountsTowardsParkingIt() {
        assertThat(OutboxRelay.unavailable(new KafkaException("could not create topic", new InvalidTopicException("!"))))
                .isFalse();
        assertThat(OutboxRelay.unavailable(new RecordTooLargeException("too large"))).isFalse();
    }
}
