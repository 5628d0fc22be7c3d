package io.shopplatform.product.catalog;

import io.shopplatform.service.contracts.Sku;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** What an admin sends to create or replace a product; the limits mirror the table's checks. */
public record ProductRequest(
        @NotBlank @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE)
        String sku,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 10_000) String description,
        @Positive Long categoryId,
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as USD") String currency,
        @Pattern(regexp = "^(DRAFT|ACTIVE|ARCHIVED)$", message = "must be DRAFT, ACTIVE or ARCHIVED") String status) {

    String descriptionOrEmpty() {
        return description == null ? "" : description;
    }

    String currencyOrDefault() {
        return currency == null ? "USD" : currency;
    }

    String statusOrDefault() {
        return status == null ? "DRAFT" : status;
    }
}
