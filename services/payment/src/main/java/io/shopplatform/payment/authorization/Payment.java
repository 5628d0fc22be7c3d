package io.shopplatform.payment.authorization;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A payment as its callers see it: no card data beyond the last four digits and the brand. Amounts are strings
 * ({@code "12.50"}), exact as the request gave them.
 */
public record Payment(UUID id, long orderId, Status status, String provider,
                      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency,
                      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal refundedAmount,
                      String cardLast4, String cardBrand, String failureCode) {}
