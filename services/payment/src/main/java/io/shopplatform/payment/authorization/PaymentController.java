package io.shopplatform.payment.authorization;

import io.shopplatform.service.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The checkout saga's payment steps, called by the order service (the model's order → payment edge) with a token
 * carrying {@value #CALLER_ROLE}, or by an admin. Shoppers never reach payments directly: 403.
 */
@RestController
@RequestMapping("/api/v1/payments")
@PreAuthorize("hasAnyRole('" + PaymentController.CALLER_ROLE + "', 'ADMIN')")
class PaymentController {

    static final String CALLER_ROLE = "ORDER_SERVICE";
    /** The longest idempotency key the table takes. */
    static final int LONGEST_KEY = 200;

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    @PostMapping
    @Operation(summary = "Authorize (201); the same key and body again returns the payment as it is now (200)")
    ResponseEntity<Payment> authorize(@RequestHeader(name = "Idempotency-Key", required = false) String key,
                                      @Valid @RequestBody PaymentRequest request) {
        Payments.Authorized r = payments.authorize(idempotencyKey(key), request);
        URI location = URI.create("/api/v1/payments/" + r.payment().id());
        return r.created() ? ResponseEntity.created(location).body(r.payment())
                : ResponseEntity.ok().location(location).body(r.payment());
    }

    @GetMapping("/{id}")
    @Operation(summary = "A payment")
    Payment get(@PathVariable UUID id) {
        return payments.get(id);
    }

    @GetMapping
    @Operation(summary = "An order's payments")
    List<Payment> ofOrder(@RequestParam @NotNull @Positive Long orderId) {
        return payments.ofOrder(orderId);
    }

    @PostMapping("/{id}/capture")
    @Operation(summary = "Take the authorized money (idempotent); 409 when voided or declined")
    Payment capture(@PathVariable UUID id) {
        return payments.capture(id);
    }

    @PostMapping("/{id}/void")
    @Operation(summary = "Release the authorization (idempotent); 409 once captured")
    Payment voidPayment(@PathVariable UUID id) {
        return payments.voidPayment(id);
    }

    /** A reviewer's decision on a payment a fraud rule held. */
    record Review(@NotNull Boolean approve) {}

    @PostMapping("/{id}/review")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Approve (authorize) or reject (decline) a HELD payment; admins only")
    Payment review(@PathVariable UUID id, @Valid @RequestBody Review review) {
        return payments.review(id, review.approve());
    }

    static String idempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidInputException("Idempotency-Key", "is required");
        }
        if (key.length() > LONGEST_KEY) {
            throw new InvalidInputException("Idempotency-Key", "must be at most " + LONGEST_KEY + " characters");
        }
        return key;
    }
}
