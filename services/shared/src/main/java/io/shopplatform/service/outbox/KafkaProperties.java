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
 * @param maxAttempts  sends of one event Kafka may refuse before the relay parks it, and failures of a consumer's
 *                     handler on one event before it goes to the dead-letter topic
 * @param keepPublished how long published outbox rows stay (for an operator's questions), then are pruned
 * @param keepProcessed how long a consumer remembers an event id: longer than any topic keeps a redeliverable event
 * @param maxPollInterval longest a handler may take for one poll's events before the group moves its partitions
 * @param broadcastLookBack how far back a broadcast consumer starts (an instance started just after a change still
 *                      sees its event); evictions are idempotent, so reading a few again costs little
 * @param groupSuffix  appended to every consumer group: a test run's services must not share groups (and so
 *                     events) with the developer's running shop on the same broker; empty in the cluster
 */
@ConfigurationProperties("shop.kafka")
public record KafkaProperties(String bootstrap, String user, String password, String schema,
                              @DefaultValue("1s") Duration relayEvery,
                              @DefaultValue("5s") Duration sendTimeout,
                              @DefaultValue("5") int maxAttempts,
                              @DefaultValue("7d") Duration keepPublished,
                              @DefaultValue("14d") Duration keepProcessed,
                              @DefaultValue("5m") Duration maxPollInterval,
                              @DefaultValue("2m") Duration broadcastLookBack,
                              @DefaultValue("") String groupSuffix) {
}
