package io.shopplatform.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shopplatform.service.testing.TopicRecords;
import io.shopplatform.testing.DataTier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay against the real tier (PgPool, Kafka), on a schema no running service relays ({@code inventory}, until
 * that service exists): each test adds rows of aggregate types of its own, so their topics are its own too.
 */
class OutboxRelayIntegrationTests {

    static final String SCHEMA = "inventory";
    static HikariDataSource db;
    static JdbcTemplate jdbc;
    static KafkaProperties kafka;

    final List<OutboxRelay> relays = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void connect() {
        DataTier tier = DataTier.shared();
        db = new HikariDataSource();
        db.setJdbcUrl(tier.jdbcUrl());
        db.setUsername(tier.role("inventory").user());
        db.setPassword(tier.role("inventory").password());
        db.setMaximumPoolSize(4);
        jdbc = new JdbcTemplate(db);
        kafka = new KafkaProperties(tier.kafkaBootstrap(), tier.kafka().user(), tier.kafka().password(), SCHEMA,
                Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofDays(7), Duration.ofDays(14),
                Duration.ofMinutes(5), Duration.ofMinutes(2), "");
        // Rows earlier runs left unpublished would be relayed by the first test's relay: park them out of the way.
        jdbc.update("UPDATE inventory.outbox SET parked_at = now() WHERE published_at IS NULL AND parked_at IS NULL");
    }

    @AfterAll
    static void disconnect() {
        db.close();
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
    }

    OutboxRelay relay() {
        OutboxRelay relay = new OutboxRelay(db, jdbc, kafka, DataTier.shared().scope(), meters);
        relay.open();
        relays.add(relay);
        return relay;
    }

    @Test
    void aRowKafkaKeepsRefusingIsParkedAndTheRowsBehindItArePublished() throws Exception {
        String good = aggregate();
        UUID poison = insert("no such topic!", "1", 1);   // not a legal topic name: Kafka refuses it every time
        UUID behind = insert(good, "1", 1);
        OutboxRelay relay = relay();

        relay.relayOnce();

        assertThat(published(behind)).as("the row behind the refused one").isTrue();
        relay.relayOnce();
        relay.relayOnce();
        assertThat(jdbc.queryForObject("SELECT attempts FROM inventory.outbox WHERE id = ?", Integer.class, poison))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT parked_at IS NOT NULL AND last_error IS NOT NULL FROM inventory.outbox"
                + " WHERE id = ?", Boolean.class, poison)).as("parked with its error").isTrue();
        assertThat(meters.get("shop.outbox.parked").counter().count()).isEqualTo(1);
        assertThat(relay.relayOnce()).as("a parked row is not tried again").isZero();
    }

    @Test
    void onlyTheRelayHoldingTheSchemasLockPublishes() throws Exception {
        OutboxRelay first = relay(), second = relay();
        first.relayOnce();
        UUID row = insert(aggregate(), "1", 1);

        assertThat(second.relayOnce()).isZero();
        assertThat(second.isActive()).isFalse();
        assertThat(published(row)).isFalse();

        first.stop();   // a rolling deploy stops it: the lock goes with it
        assertThat(second.relayOnce()).isEqualTo(1);
        assertThat(second.isActive()).isTrue();
        assertThat(published(row)).isTrue();
    }

    @Test
    void everyEventCarriesItsAggregatesVersionInCommitOrder() throws Exception {
        String aggregate = aggregate();
        OutboxRelay relay = relay();
        Outbox outbox = new Outbox(jdbc, new ObjectMapper(), relay, SCHEMA);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
        for (int available : new int[] {7, 5}) {
            tx.executeWithoutResult(s -> outbox.append(aggregate, "SKU-1", "changed", Map.of("available", available)));
        }
        tx.executeWithoutResult(s -> outbox.append(aggregate, "SKU-2", "changed", Map.of("available", 1)));

        relay.relayOnce();

        // In the tests' scope, where the relay published them.
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(kafka, KafkaClients.topic(SCHEMA, aggregate), 3);
        // One SKU's events share a partition, so they arrive in order; the other SKU's may be on another partition.
        assertThat(records).extracting(r -> r.key() + "@" + TopicRecords.header(r, OutboxRelay.EVENT_VERSION) + ":"
                + new String(r.value(), StandardCharsets.UTF_8))
                .containsSubsequence("SKU-1@1:{\"available\": 7}", "SKU-1@2:{\"available\": 5}")
                .contains("SKU-2@1:{\"available\": 1}")
                .hasSize(3);
    }

    @Test
    void publishedRowsAndProcessedEventsArePrunedAfterTheirRetention() {
        String aggregate = aggregate();
        UUID old = insert(aggregate, "1", 1), recent = insert(aggregate, "2", 1);
        jdbc.update("UPDATE inventory.outbox SET published_at = now() - interval '8 days' WHERE id = ?", old);
        jdbc.update("UPDATE inventory.outbox SET published_at = now() WHERE id = ?", recent);
        UUID oldEvent = UUID.randomUUID(), recentEvent = UUID.randomUUID();
        jdbc.update("INSERT INTO inventory.processed_events (consumer, event_id, processed_at)"
                + " VALUES (?, ?, now() - interval '15 days'), (?, ?, now())", aggregate, oldEvent, aggregate, recentEvent);

        relay().prune();

        assertThat(jdbc.queryForList("SELECT id FROM inventory.outbox WHERE aggregate_type = ?", UUID.class, aggregate))
                .containsExactly(recent);
        assertThat(jdbc.queryForList("SELECT event_id FROM inventory.processed_events WHERE consumer = ?", UUID.class,
                aggregate)).containsExactly(recentEvent);
    }

    /** An aggregate type (and so a topic) of this test's own. */
    static String aggregate() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static UUID insert(String aggregateType, String aggregateId, long version) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO inventory.outbox (id, aggregate_type, aggregate_id, event_type, payload, version)"
                + " VALUES (?, ?, ?, 'changed', '{}'::jsonb, ?)", id, aggregateType, aggregateId, version);
        return id;
    }

    static boolean published(UUID id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "/*NO LOAD BALANCE*/ SELECT published_at IS NOT NULL FROM inventory.outbox WHERE id = ?", Boolean.class, id));
    }

}
