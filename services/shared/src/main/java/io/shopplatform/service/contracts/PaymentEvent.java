package io.shopplatform.service.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.shopplatform.service.outbox.KafkaClients;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The payment service's events on topic {@code payments.payment}, keyed by payment id: an authorization's outcome
 * ({@code authorized}, {@code declined}: the checkout saga learns a payment that was PENDING this way), then
 * {@code captured}, {@code voided}, {@code refunded}. Producer and consumers both use this record: one contract.
 *
 * @param status         the payment's status after the event (AUTHORIZED, DECLINED, CAPTURED, VOIDED,
 *                       PARTIALLY_REFUNDED, REFUNDED)
 * @param provider       {@code stripe} or {@code paypal}: where the money is
 * @param refundedAmount everything refunded so far
 * @param failureCode    why it was declined (the provider's code, or {@code fraud_rejected}), else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentEvent(UUID paymentId, long orderId, String status, String provider, BigDecimal amount,
                           String currency, BigDecimal refundedAmount, String failureCode) {

    /** The producer's schema (its outbox) and the outbox's aggregate type. */
    public static final String SCHEMA = "payments", AGGREGATE = "payment";
    public static final String TOPIC = KafkaClients.topic(SCHEMA, AGGREGATE);
    /** Event types. */
    public static final String AUTHORIZED = "authorized", DECLINED = "declined", CAPTURED = "captured",
            VOIDED = "voided", REFUNDED = "refunded";
}
