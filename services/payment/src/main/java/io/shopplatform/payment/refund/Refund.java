package io.shopplatform.payment.refund;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A refund as callers see it, with its payment's status and refunded total after it.
 *
 * @param status PENDING (the provider has not confirmed yet: send the same request again), SUCCEEDED or FAILED
 */
public record Refund(UUID id, UUID paymentId, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                     String reason, String status, String paymentStatus,
                     @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal refundedAmount) {}
