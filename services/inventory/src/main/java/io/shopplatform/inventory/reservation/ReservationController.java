package io.shopplatform.inventory.reservation;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The checkout saga's inventory steps, called by the order service (the model's order → inventory edge) with an
 * access token carrying the role {@value #CALLER_ROLE}; an admin may act too (say, release a stuck reservation).
 * A shopper's token gets 403: shoppers reach the stock only through an order.
 */
@RestController
@RequestMapping("/api/v1/inventory/reservations")
@PreAuthorize("hasAnyRole('" + ReservationController.CALLER_ROLE + "', 'ADMIN')")
class ReservationController {

    /** The role of the order service's own tokens. */
    static final String CALLER_ROLE = "ORDER_SERVICE";

    private final Reservations reservations;

    ReservationController(Reservations reservations) {
        this.reservations = reservations;
    }

    @PostMapping
    @Operation(summary = "Reserve units for an order (201); the same order again returns its reservation (200)")
    ResponseEntity<Reservation> reserve(@Valid @RequestBody ReservationRequest request) {
        Reservations.Reserved r = reservations.reserve(request);
        URI location = URI.create("/api/v1/inventory/reservations/" + r.reservation().orderId());
        return r.created() ? ResponseEntity.created(location).body(r.reservation())
                : ResponseEntity.ok().location(location).body(r.reservation());
    }

    @GetMapping("/{orderId}")
    @Operation(summary = "An order's reservation")
    Reservation get(@PathVariable @Positive long orderId) {
        return reservations.get(orderId);
    }

    @PostMapping("/{orderId}/confirm")
    @Operation(summary = "The order is paid: its units leave on hand (idempotent)")
    Reservation confirm(@PathVariable @Positive long orderId) {
        return reservations.confirm(orderId);
    }

    @PostMapping("/{orderId}/release")
    @Operation(summary = "The order failed: its units are available again (idempotent)")
    Reservation release(@PathVariable @Positive long orderId) {
        return reservations.release(orderId);
    }
}
