package io.shopplatform.payment.refund;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import io.shopplatform.payment.authorization.PaymentRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Money back on a captured payment: all of it or part; several partial refunds add up to at most the amount. */
public record RefundRequest(@NotNull @DecimalMin("0.01") @DecimalMax("999999.99") @Digits(integer = 6, fraction = 2)
                            BigDecimal amount,
                            @Size(max = 500)
                            @Pattern(regexp = PaymentRequest.NO_CARD_NUMBER, message = "must not contain a card number")
                            String reason) {}
