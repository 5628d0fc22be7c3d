package io.shopplatform.inventory.reservation;

import io.shopplatform.service.contracts.Sku;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What the order service asks for at checkout: these units for this order, held for {@code holdSeconds} (or the
 * configured hold). The order id is the idempotency key: the same request again returns the same reservation.
 */
public record ReservationRequest(@NotNull @Positive Long orderId,
                                 @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Item> items,
                                 @Min(1) Integer holdSeconds) {

    public record Item(@NotBlank @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE) String sku,
                       @NotNull @Min(1) @Max(10_000) Integer quantity) {}
}
