package io.shopplatform.order.cart;

import io.shopplatform.order.Shoppers;
import io.shopplatform.service.contracts.Sku;
import io.shopplatform.service.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shopper's cart. Anonymous shoppers may use it (no token): the first add answers with the new cart's id in
 * {@value #CART_HEADER}, which they send back on every later call. A signed-in shopper who still sends it has that
 * cart merged into their own.
 */
@RestController
@RequestMapping("/api/v1/cart")
@Validated
class CartController {

    static final String CART_HEADER = "Shop-Cart-Id";

    private final Carts carts;

    CartController(Carts carts) {
        this.carts = carts;
    }

    @GetMapping
    @Operation(summary = "The shopper's cart (empty when they have none)")
    ResponseEntity<Cart> get(@AuthenticationPrincipal Jwt caller,
                             @RequestHeader(name = CART_HEADER, required = false) String cartId) {
        return answer(carts.view(owner(caller, cartId)));
    }

    @PostMapping("/items")
    @Operation(summary = "Add units of a product at its price now (the cart is made on the first add)")
    ResponseEntity<Cart> add(@AuthenticationPrincipal Jwt caller,
                             @RequestHeader(name = CART_HEADER, required = false) String cartId,
                             @Valid @RequestBody CartRequests.AddItem item) {
        return answer(carts.add(owner(caller, cartId), item));
    }

    @PutMapping("/items/{sku}")
    @Operation(summary = "Set a line's quantity")
    ResponseEntity<Cart> set(@AuthenticationPrincipal Jwt caller,
                             @RequestHeader(name = CART_HEADER, required = false) String cartId,
                             @PathVariable @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE) String sku,
                             @Valid @RequestBody CartRequests.SetQuantity quantity) {
        return answer(carts.setQuantity(owner(caller, cartId), sku, quantity.quantity()));
    }

    @DeleteMapping("/items/{sku}")
    @Operation(summary = "Take a line out of the cart")
    ResponseEntity<Cart> remove(@AuthenticationPrincipal Jwt caller,
                                @RequestHeader(name = CART_HEADER, required = false) String cartId,
                                @PathVariable @Pattern(regexp = Sku.PATTERN, message = Sku.MESSAGE) String sku) {
        return answer(carts.remove(owner(caller, cartId), sku));
    }

    private static ResponseEntity<Cart> answer(Cart cart) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (cart.id() != null && cart.userId() == null) {
            ok.header(CART_HEADER, cart.id().toString());
        }
        return ok.body(cart);
    }

    /** The caller as a cart owner: a shopper's token names them ({@code sub}); the header names an anonymous cart. */
    static Owner owner(Jwt caller, String cartId) {
        return new Owner(caller == null ? null : Shoppers.id(caller), cartId == null ? null : uuid(cartId, CART_HEADER));
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be the cart id this service gave");
        }
    }
}
