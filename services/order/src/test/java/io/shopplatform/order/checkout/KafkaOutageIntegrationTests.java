package io.shopplatform.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.local.servers.ThrowawayKafka;
import io.shopplatform.order.Api;
import io.shopplatform.order.OrderIntegrationTest;
import io.shopplatform.service.contracts.OrderPlaced;
import io.shopplatform.service.outbox.KafkaProperties;
import io.shopplatform.service.outbox.OutboxRelay;
import io.shopplatform.service.testing.TopicRecords;
import io.shopplatform.testing.DataTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka down during checkouts (a broker of this test's own, stopped and started again): orders still confirm, their
 * events wait in the outbox for longer than any number of attempts, and once the broker is back each event is on
 * its topic exactly once.
 */
@OrderIntegrationTest
class KafkaOutageIntegrationTests {

    static final int MAX_ATTEMPTS = 2;
    static final ThrowawayKafka broker = ThrowawayKafka.start(DataTier.shared().home());

    @DynamicPropertySource
    static void throwawayBroker(DynamicPropertyRegistry registry) {
        registry.add("shop.kafka.bootstrap", broker::bootstrap);
        registry.add("shop.kafka.user", broker::user);
        registry.add("shop.kafka.password", broker::password);
        registry.add("shop.kafka.send-timeout", () -> "1s");
        registry.add("shop.kafka.max-attempts", () -> MAX_ATTEMPTS);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OutboxRelay relay;
    @Autowired
    KafkaProperties kafka;
    @Autowired
    MeterRegistry meters;

    @Test
    void checkoutsConfirmWhileKafkaIsDownAndEveryEventIsOnItsTopicOnceWhenItIsBack() {
        // Each order schema has one publishing relay: an earlier test context's lets go when the cache closes it.
        await().atMost(Duration.ofSeconds(60)).until(relay::isActive);
        Api api = new Api(port);
        Api.Product p = Api.stockedProduct("4.00", 20);
        List<Long> orders = new ArrayList<>();
        orders.add(checkout(api, p));   // with the broker up: its topic exists, as in a shop that has been selling
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(orders) == 0);

        broker.stop();
        for (int i = 0; i < 3; i++) {
            orders.add(checkout(api, p));
        }
        double rounds = unavailableRounds();
        await("the relay tries more often than max-attempts").atMost(Duration.ofSeconds(90))
                .until(() -> unavailableRounds() >= rounds + MAX_ATTEMPTS + 1);
        assertThat(unpublished(orders)).as("the outage's events wait").isEqualTo(3 * 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders.outbox WHERE aggregate_type = 'order'"
                + " AND aggregate_id = ANY (?) AND parked_at IS NOT NULL", Integer.class, (Object) ids(orders)))
                .as("none parked: an unreachable Kafka refused nothing").isZero();

        broker.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(orders) == 0);

        List<ConsumerRecord<String, byte[]>> records = TopicRecords.readAll(kafka, OrderPlaced.TOPIC);
        Map<String, Long> perEvent = records.stream().collect(Collectors.groupingBy(
                r -> r.key() + "/" + TopicRecords.header(r, OutboxRelay.EVENT_TYPE), Collectors.counting()));
        Map<String, Long> expected = orders.stream().flatMap(o -> List.of(o + "/placed", o + "/status").stream())
                .collect(Collectors.toMap(Function.identity(), e -> 1L));
        assertThat(perEvent).as("each order's placed and status events, once each").isEqualTo(expected);
    }

    long checkout(Api api, Api.Product p) {
        Api.Shopper shopper = Api.shopper();
        String cart = api.cartWith(shopper, p.id(), 1);
        Api.Response r = api.checkout(shopper.token(), UUID.randomUUID().toString(), cart, Api.card());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long order = Api.orderId(r);
        // A cold payment service may answer after the saga's call timeout: the order is PENDING until its job goes on.
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "CONFIRMED".equals(api.get("/api/v1/orders/" + order, shopper.token()).json("$.status")));
        return order;
    }

    int unpublished(List<Long> orders) {
        return jdbc.queryForObject("/*NO LOAD BALANCE*/ SELECT count(*) FROM orders.outbox WHERE aggregate_type = 'order'"
                + " AND aggregate_id = ANY (?) AND published_at IS NULL", Integer.class, (Object) ids(orders));
    }

    double unavailableRounds() {
        return meters.get("shop.outbox.unavailable").counter().count();
    }

    static String[] ids(List<Long> orders) {
        return orders.stream().map(String::valueOf).toArray(String[]::new);
    }
}
