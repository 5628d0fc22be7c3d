package io.shopplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.service.testing.PaymentSimulators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PCI: a card number goes from the shopper to the provider (tokenization) and nowhere else. After a payment's whole
 * life with the test card, and requests that try to slip the number in, neither any text column of the payments
 * schema nor the test run's log holds it.
 */
@PaymentIntegrationTest
class NoCardDataIntegrationTests {

    /** This run's test card: a number no other test or run uses (one card, reused, would trip the velocity rule). */
    private static final String CARD = PaymentSimulators.newCard("5566");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCardNumberIsNeitherStoredNorLogged() throws Exception {
        Api api = new Api(port);
        long order = Api.newOrderId();
        UUID user = UUID.randomUUID();
        Api.Response paid = api.post("/api/v1/payments", Api.body(order, user, "64.00",
                PaymentSimulators.tokenize(CARD)),
                Api.ORDER_SERVICE, "order-" + order);
        assertThat(paid.<String>json("$.cardLast4")).isEqualTo("5566");
        String id = paid.json("$.id");
        api.post("/api/v1/payments/" + id + "/capture", "", Api.ORDER_SERVICE);
        assertThat(api.post("/api/v1/payments/" + id + "/refunds", "{\"amount\": \"4.00\", \"reason\": \"wrong card "
                + CARD + "\"}", Api.ORDER_SERVICE, UUID.randomUUID().toString()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/payments/" + id + "/refunds", "{\"amount\": \"4.00\", \"reason\": \"returned\"}",
                Api.ORDER_SERVICE, UUID.randomUUID().toString()).status()).isEqualTo(201);
        // The number where a token belongs, inside a token, or as a field of its own: refused, never echoed.
        long other = Api.newOrderId();
        assertThat(api.post("/api/v1/payments", Api.body(other, user, "1.00", CARD), Api.ORDER_SERVICE,
                "order-" + other).status()).isEqualTo(400);
        Api.Response inToken = api.post("/api/v1/payments", Api.body(other, user, "1.00", "tok_x" + CARD),
                Api.ORDER_SERVICE, "order-" + other);
        assertThat(inToken.status()).isEqualTo(400);
        assertThat(inToken.body()).doesNotContain(CARD);

        List<String> columns = jdbc.queryForList("/*NO LOAD BALANCE*/ SELECT table_name || '.' || column_name"
                + " FROM information_schema.columns WHERE table_schema = 'payments'"
                + " AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json')", String.class);
        assertThat(columns).contains("payments.card_token", "outbox.payload");
        for (String column : columns) {
            String[] tc = column.split("\\.");
            Long hits = jdbc.queryForObject("/*NO LOAD BALANCE*/ SELECT count(*) FROM payments." + tc[0]
                    + " WHERE " + tc[1] + "::text LIKE ?", Long.class, "%" + CARD + "%");
            assertThat(hits).as("card number in payments.%s", column).isZero();
        }
        Path log = Path.of("target/payment-tests.log");
        assertThat(log).exists();
        assertThat(Files.readString(log)).as("the test run's log").doesNotContain(CARD);
    }
}
