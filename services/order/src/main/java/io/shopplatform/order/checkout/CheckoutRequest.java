package io.shopplatform.order.checkout;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A checkout: order what cart {@code cartId} holds (the shopper's own), ship it to {@code shippingAddress}, pay with
 * the provider's {@code cardToken} (a token from the provider's tokenization, never a card number).
 */
record CheckoutRequest(@NotNull UUID cartId, @NotNull @Valid Address shippingAddress,
                       @NotBlank @Size(max = 200) @Pattern(regexp = "^[A-Za-z0-9_-]+$",
                               message = "must be the payment provider's token") String cardToken) {

    record Address(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String line1,
                   @Size(max = 200) String line2, @NotBlank @Size(max = 100) String city,
                   @NotBlank @Size(max = 20) String postalCode,
                   @NotBlank @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166 country code") String country) {}
}
