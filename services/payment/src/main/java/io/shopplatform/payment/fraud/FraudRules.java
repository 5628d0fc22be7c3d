package io.shopplatform.payment.fraud;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.payment.PaymentProperties;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rules that hold a payment for review before any provider sees it (numbers in {@code shop.payment.fraud}):
 * an amount above {@code review-above}; velocity: {@code per-user} payments of the same user, or {@code per-card}
 * with the same card (the provider's fingerprint), within {@code window}. Counts read the primary: a burst of
 * payments must see each other.
 */
@Component
public class FraudRules {

    private final JdbcTemplate jdbc;
    private final PaymentProperties.Fraud rules;
    private final MeterRegistry meters;

    FraudRules(JdbcTemplate jdbc, PaymentProperties props, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.rules = props.fraud();
        this.meters = meters;
    }

    /** Why {@code payment} must wait for a reviewer, if a rule fires. */
    public Optional<String> holdReason(UUID payment, UUID user, String fingerprint, BigDecimal amount) {
        if (amount.compareTo(rules.reviewAbove()) > 0) {
            return held("amount", "amount above " + rules.reviewAbove().toPlainString());
        }
        long seconds = rules.window().toSeconds();
        Long byUser = jdbc.queryForObject("/*NO LOAD BALANCE*/ SELECT count(*) FROM payments.payments"
                + " WHERE user_id = ? AND id <> ? AND created_at > now() - make_interval(secs => ?)", Long.class,
                user, payment, seconds);
        if (byUser != null && byUser >= rules.perUser()) {
            return held("user_velocity", byUser + " payments of this user within " + rules.window());
        }
        if (fingerprint != null && !fingerprint.isBlank()) {
            Long byCard = jdbc.queryForObject("/*NO LOAD BALANCE*/ SELECT count(*) FROM payments.payments"
                    + " WHERE card_fingerprint = ? AND id <> ? AND created_at > now() - make_interval(secs => ?)",
                    Long.class, fingerprint, payment, seconds);
            if (byCard != null && byCard >= rules.perCard()) {
                return held("card_velocity", byCard + " payments with this card within " + rules.window());
            }
        }
        return Optional.empty();
    }

    private Optional<String> held(String rule, String reason) {
        Counter.builder("shop_payment_fraud_holds_total").description("payments held for review, per rule")
                .tag("rule", rule).register(meters).increment();
        return Optional.of(rule + ": " + reason);
    }
}
