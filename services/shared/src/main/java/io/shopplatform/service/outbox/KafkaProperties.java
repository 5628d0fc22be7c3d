package io.shopplatform.service.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka for the outbox relay and the event subscriptions ({@code shop.kafka.*}, bound from {@code SHOP_KAFKA_*}).
 *
 * @param schema       the service's database schema: its outbox table, and the prefix of its topics
 * @param relayEvery   how often the relay looks for unpublished events when no commit woke it
 * @param sendTimeout  how long the relay waits for Kafka before it leaves the batch for the next attempt
 */
@ConfigurationProperties("shop.kafka")
public record KafkaProperties(String bootstrap, String user, String password, String schema,
                              @DefaultValue("1s") Duration relayEvery,
                              @DefaultValue("5s") Duration sendTimeout) {
}
