package io.shopplatform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Shop;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentsIntegrationTests {

    private static final String INSERT_PAYMENT = "INSERT INTO payments (idempotency_key, order_id, user_id, provider, "
            + "amount, currency) VALUES (?, 42, ?, ?, 25.00, 'USD') RETURNING id";

    private final String key = "order-42-authorize-" + UUID.randomUUID();

    @Test
    void secondPaymentUnderTheSameIdempotencyKeyIsRefused() throws SQLException {
        try (Session payment = Session.as(Shop.PAYMENT)) {
            payment.one(INSERT_PAYMENT, key, UUID.randomUUID(), "stripe");

            // Even when the retry falls back to the other provider: one key, one charge.
            assertThat(payment.refused(INSERT_PAYMENT, key, UUID.randomUUID(), "paypal").getSQLState())
                    .isEqualTo("23505");
        }
    }

    @Test
    void refundingMoreThanWasPaidIsRefused() throws SQLException {
        try (Session payment = Session.as(Shop.PAYMENT)) {
            String id = payment.one(INSERT_PAYMENT, key, UUID.randomUUID(), "stripe");

            assertThat(payment.refused("UPDATE payments SET refunded_amount = 25.01 WHERE id = ?::uuid", id)
                    .getSQLState()).isEqualTo("23514");
        }
    }
}
