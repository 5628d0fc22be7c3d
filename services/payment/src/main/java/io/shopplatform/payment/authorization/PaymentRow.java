package io.shopplatform.payment.authorization;

import io.shopplatform.payment.provider.ProviderName;
import java.math.BigDecimal;
import java.util.UUID;

/** A payments row as the service works with it (the card token included, which callers never see). */
public record PaymentRow(UUID id, String idempotencyKey, long orderId, UUID userId, ProviderName provider,
                         String providerReference, BigDecimal amount, String currency, Status status,
                         BigDecimal refundedAmount, String failureCode, long version, String cardToken,
                         String cardLast4, String cardBrand, String cardFingerprint, String requestHash,
                         String holdReason, int retries) {

    /** The failure code of a PENDING payment whose last authorization at {@link #provider} may have gone through. */
    public static final String UNCERTAIN = "provider_uncertain";

    /** The key sent to both providers with every try: derived from the caller's key, one charge per order. */
    public String chargeKey() {
        return "charge-" + idempotencyKey;
    }

    public Payment view() {
        return new Payment(id, orderId, status, provider.id(), amount, currency, refundedAmount, cardLast4, cardBrand,
                failureCode);
    }
}
