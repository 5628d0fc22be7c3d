package io.shopplatform.inventory.stream;

import io.shopplatform.inventory.stock.StockLevels;
import io.shopplatform.service.contracts.Sku;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class StockStreamController {

    private final StockLevels stock;
    private final StockStream stream;

    StockStreamController(StockLevels stock, StockStream stream) {
        this.stock = stock;
        this.stream = stream;
    }

    @GetMapping(path = "/api/v1/inventory/stock/{sku}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: the SKU's available stock now, then after every change")
    SseEmitter follow(@PathVariable @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE) String sku) {
        return stream.open(stock.get(sku));
    }
}
