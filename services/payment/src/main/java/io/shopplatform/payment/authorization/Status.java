package io.shopplatform.payment.authorization;

/**
 * A payment's life: PENDING (neither provider could answer yet; retried by the service), HELD (a fraud rule holds
 * it for review; no provider saw it), then AUTHORIZED or DECLINED (final), then CAPTURED or VOIDED, then
 * PARTIALLY_REFUNDED or REFUNDED.
 */
public enum Status {
    PENDING, HELD, AUTHORIZED, DECLINED, CAPTURED, VOIDED, PARTIALLY_REFUNDED, REFUNDED;

    /** Money has been taken: refunds are possible. */
    public boolean captured() {
        return this == CAPTURED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
