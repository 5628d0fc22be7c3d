package io.shopplatform.payment.provider;

import java.math.BigDecimal;
import java.util.Optional;

/** One provider's HTTP API, without resilience (see {@link Provider}); throws {@link ProviderFailure}. */
interface ProviderApi {

    CardDetails card(String token);

    ChargeResult authorize(Charge charge);

    /** The authorization made under {@code idempotencyKey}, if the provider made one. */
    Optional<ChargeResult> lookup(String idempotencyKey);

    void capture(String reference, BigDecimal amount, String currency, String idempotencyKey);

    void voidAuthorization(String reference, String idempotencyKey);

    /** @return the provider's reference of the refund */
    String refund(String reference, BigDecimal amount, String currency, String idempotencyKey);
}
