package io.shopplatform.inventory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The inventory service's settings ({@code shop.inventory.*}).
 *
 * @param reservationHold how long a reservation holds its stock unless the order asks for another hold
 * @param longestHold     the longest hold an order may ask for
 * @param expiry          the sweep that releases reservations nobody confirmed in time
 * @param conflicts       optimistic locking: how often a change that lost a race on a SKU's version is tried again
 * @param stream          the live stock streams (server-sent events)
 * @param unitsOnHand     the units-on-hand gauge (a business KPI): how often each replica reads it afresh
 */
@ConfigurationProperties("shop.inventory")
public record InventoryProperties(Duration reservationHold, Duration longestHold, Expiry expiry, Conflicts conflicts,
                                  Stream stream, UnitsOnHand unitsOnHand) {

    /** @param every how often each replica sweeps; @param batch the most reservations one sweep expires */
    public record Expiry(Duration every, int batch) {}

    /**
     * @param attempts       tries of one change in all (the first included) before the caller gets a 409
     * @param firstBackoff   the backoff ceiling after the first conflict; it doubles per conflict ...
     * @param longestBackoff ... up to this; each wait is drawn uniformly below the ceiling (full jitter)
     */
    public record Conflicts(int attempts, Duration firstBackoff, Duration longestBackoff) {}

    /** @param timeout how long one stream stays open (clients reconnect); @param perSku open streams per SKU at most */
    public record Stream(Duration timeout, int perSku) {}

    /** @param every how often the sum over every SKU is read from the database */
    public record UnitsOnHand(Duration every) {}
}
