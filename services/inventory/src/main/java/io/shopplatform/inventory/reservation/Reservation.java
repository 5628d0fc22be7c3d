package io.shopplatform.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reservation as its caller sees it; items in SKU order. */
public record Reservation(UUID id, long orderId, Status status, Instant expiresAt, List<Item> items) {

    public enum Status { ACTIVE, COMMITTED, RELEASED, EXPIRED }

    public record Item(String sku, int quantity) {}
}
