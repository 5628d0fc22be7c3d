package io.shopplatform.payment.authorization;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * What the order service asks to authorize. {@code cardToken} is a provider's token ({@code tok_...}, from the
 * providers' tokenization): a card number is refused without being echoed, stored or logged.
 */
public record PaymentRequest(@NotNull @Positive Long orderId,
                             @NotNull UUID userId,
                             @NotNull @DecimalMin("0.01") @DecimalMax("999999.99") @Digits(integer = 6, fraction = 2)
                             BigDecimal amount,
                             @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD")
                             String currency,
                             @NotNull @Pattern(regexp = TOKEN, message = "must be a provider's card token (tok_...)")
                             String cardToken) {

    /** A provider's card token, with no run of 12 digits: a card number can never pass as one or inside one. */
    public static final String TOKEN = "tok_(?![A-Za-z0-9_]*[0-9]{12})[A-Za-z0-9_]{4,120}";
    /**
     * Free text (a refund's reason) with no run of 12 digits or more: no card number is ever stored. Written without
     * inline flags ({@code [\s\S]} for any character, line breaks included), so that the ECMAScript regexes of the
     * API description's readers (client generators, linters) read it as Java does.
     */
    public static final String NO_CARD_NUMBER = "(?![\\s\\S]*[0-9]{12})[\\s\\S]*";
}
