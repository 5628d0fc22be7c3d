package io.shopplatform.payment.refund;

import io.shopplatform.service.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Refunds of captured payments, by the order service or an admin. */
@RestController
@RequestMapping("/api/v1/payments/{id}/refunds")
@PreAuthorize("hasAnyRole('ORDER_SERVICE', 'ADMIN')")
class RefundController {

    private final Refunds refunds;

    RefundController(Refunds refunds) {
        this.refunds = refunds;
    }

    @PostMapping
    @Operation(summary = "Refund all or part (201); the same key again returns the refund (200); 409 above what is left")
    ResponseEntity<Refund> refund(@PathVariable UUID id,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @Valid @RequestBody RefundRequest request) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new InvalidInputException("Idempotency-Key", "is required, at most 200 characters");
        }
        Refunds.Made made = refunds.refund(id, key, request);
        URI location = URI.create("/api/v1/payments/" + id + "/refunds/" + made.refund().id());
        return made.created() ? ResponseEntity.created(location).body(made.refund())
                : ResponseEntity.ok().location(location).body(made.refund());
    }
}
