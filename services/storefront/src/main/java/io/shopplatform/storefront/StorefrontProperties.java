package io.shopplatform.storefront;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param gatewayUrl     the shop's API (the model's storefront → gateway edge)
 * @param cardTokensUrl  where browsers tokenize cards (the primary payment provider; its simulator locally)
 * @param cardTokensKey  the provider's publishable key, which only tokenizes
 * @param apiTimeout     how long a page waits for the API
 * @param pageSize       products per listing page
 */
@ConfigurationProperties("shop.storefront")
public record StorefrontProperties(URI gatewayUrl, URI cardTokensUrl, String cardTokensKey, Duration apiTimeout,
                                   int pageSize) {

    /** The origin the Content-Security-Policy lets pages connect to besides their own. */
    public String cardTokensOrigin() {
        return cardTokensUrl.getScheme() + "://" + cardTokensUrl.getAuthority();
    }
}
