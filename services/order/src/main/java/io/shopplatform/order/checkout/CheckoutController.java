package io.shopplatform.order.checkout;

import io.shopplatform.order.Shoppers;
import io.shopplatform.order.history.OrderView;
import io.shopplatform.service.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checkout: a signed-in shopper orders their cart. {@value #KEY_HEADER} makes it safe to retry: the same key
 * returns the same order (200), the same key with another request is refused (422).
 */
@RestController
@RequestMapping("/api/v1/orders")
class CheckoutController {

    static final String KEY_HEADER = "Idempotency-Key";

    private final Checkouts checkouts;

    CheckoutController(Checkouts checkouts) {
        this.checkouts = checkouts;
    }

    @PostMapping
    @Operation(summary = "Order the cart (201, the order as the checkout left it: CONFIRMED, CANCELLED with a reason,"
            + " or PENDING while the payment is pending); the same Idempotency-Key again: 200 and the same order")
    ResponseEntity<OrderView> checkout(@AuthenticationPrincipal Jwt caller,
                                       @RequestHeader(name = KEY_HEADER, required = false) String key,
                                       @Valid @RequestBody CheckoutRequest request) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new InvalidInputException(KEY_HEADER, "is required: 1-200 characters, one per checkout");
        }
        Checkouts.Placed placed = checkouts.place(Shoppers.id(caller), key, request);
        URI location = URI.create("/api/v1/orders/" + placed.order().id());
        return placed.created() ? ResponseEntity.created(location).body(placed.order())
                : ResponseEntity.ok().location(location).body(placed.order());
    }
}
