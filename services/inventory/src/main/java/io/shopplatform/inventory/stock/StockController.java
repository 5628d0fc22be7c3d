package io.shopplatform.inventory.stock;

import io.shopplatform.service.contracts.Sku;
import io.shopplatform.service.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/inventory")
class StockController {

    /** Goods that arrived. */
    record Receipt(@NotNull @Min(1) @Max(1_000_000) Integer quantity, @Size(max = 500) String reason) {}

    /** A correction of on hand; always with a reason, since the ledger keeps it forever. */
    record Adjustment(@NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta, @NotBlank @Size(max = 500) String reason) {}

    record Threshold(@NotNull @Min(0) @Max(1_000_000) Integer lowStockThreshold) {}

    private final StockLevels stock;
    private final Ledger ledger;

    StockController(StockLevels stock, Ledger ledger) {
        this.stock = stock;
        this.ledger = ledger;
    }

    @GetMapping("/stock/{sku}")
    @Operation(summary = "A SKU's stock: on hand, reserved, available, low-stock threshold")
    StockLevel get(@PathVariable @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE) String sku) {
        return stock.get(sku);
    }

    @PostMapping("/stock/{sku}/receipts")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Receive goods (opens the SKU's stock on its first receipt)")
    StockLevel receive(@PathVariable @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE) String sku,
                       @Valid @RequestBody Receipt receipt) {
        return stock.receive(sku, receipt.quantity(), receipt.reason());
    }

    @PostMapping("/stock/{sku}/adjustments")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Correct on hand by a signed delta (never below what is reserved)")
    StockLevel adjust(@PathVariable @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE) String sku,
                      @Valid @RequestBody Adjustment adjustment) {
        if (adjustment.delta() == 0) {
            throw new InvalidInputException("delta", "must not be 0");
        }
        return stock.adjust(sku, adjustment.delta(), adjustment.reason());
    }

    @PutMapping("/stock/{sku}/threshold")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Set the available level at or below which the SKU is low")
    StockLevel threshold(@PathVariable @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE) String sku,
                         @Valid @RequestBody Threshold threshold) {
        return stock.threshold(sku, threshold.lowStockThreshold());
    }

    @GetMapping("/ledger/discrepancies")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "SKUs whose stock differs from what their ledger adds up to (empty when all is well)")
    List<Ledger.Discrepancy> discrepancies() {
        return ledger.discrepancies();
    }
}
