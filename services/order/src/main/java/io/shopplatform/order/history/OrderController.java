package io.shopplatform.order.history;

import io.shopplatform.order.Shoppers;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A signed-in shopper's order history and an order's status; only their own orders. */
@RestController
@RequestMapping("/api/v1/orders")
@Validated
class OrderController {

    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    @GetMapping
    @Operation(summary = "The shopper's orders, newest first")
    List<OrderView> list(@AuthenticationPrincipal Jwt caller,
                         @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return orders.list(Shoppers.id(caller), page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the shopper's orders and its status")
    OrderView get(@AuthenticationPrincipal Jwt caller, @PathVariable @Positive long id) {
        return orders.get(Shoppers.id(caller), id);
    }
}
