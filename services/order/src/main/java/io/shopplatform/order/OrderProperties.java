package io.shopplatform.order;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The order service's settings ({@code shop.order.*}).
 *
 * @param productUrl   the product service (names and prices for the cart)
 * @param inventoryUrl the inventory service (stock levels, reservations)
 * @param paymentUrl   the payment service (authorize, capture, void)
 * @param callTimeout  connect and read timeout of one call to another service
 * @param cart         limits of one cart
 * @param saga         the checkout saga's pace
 */
@ConfigurationProperties("shop.order")
public record OrderProperties(URI productUrl, URI inventoryUrl, URI paymentUrl, Duration callTimeout, Cart cart,
                              Saga saga) {

    /** @param mostLines distinct SKUs in one cart at most; @param mostPerLine units of one SKU at most */
    public record Cart(int mostLines, int mostPerLine) {}

    /**
     * @param every        how often each replica looks for due sagas
     * @param batch        the most sagas one replica claims per look
     * @param lease        how long a claimed saga is left to its runner; past it, any replica takes it over (a
     *                     runner that crashed mid-step); longer than the slowest step
     * @param firstRetry   the wait after a step's first transient failure; it doubles per failure ...
     * @param longestRetry ... up to this
     * @param giveUpAfter  a saga still going forward this long after it began is compensated instead
     */
    public record Saga(Duration every, int batch, Duration lease, Duration firstRetry, Duration longestRetry,
                       Duration giveUpAfter) {}
}
