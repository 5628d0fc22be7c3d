package io.shopplatform.service.outbox;

import java.util.UUID;

/** A domain event as a subscriber receives it: the outbox row's id, type, aggregate id and JSON payload. */
public record Event(UUID id, String type, String aggregateId, byte[] payload) {
}
