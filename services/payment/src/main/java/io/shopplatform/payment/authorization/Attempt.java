package io.shopplatform.payment.authorization;

import io.shopplatform.payment.provider.ProviderName;
import java.time.Instant;

/**
 * One call to a provider, for {@code payment_attempts} (reconciliation) and the success-rate metric.
 *
 * @param outcome SUCCEEDED, DECLINED, ERROR, TIMEOUT or CIRCUIT_OPEN (the table's values)
 */
public record Attempt(ProviderName provider, String operation, String outcome, String reference, String errorCode,
                      String errorMessage, Instant startedAt) {}
