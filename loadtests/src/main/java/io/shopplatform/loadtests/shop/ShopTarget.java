package io.shopplatform.loadtests.shop;

import java.util.Map;

/**
 * Where the shop under load lives: its gateway (the only URL shoppers call), the Stripe-like simulator that tokenizes
 * cards as a shopper's browser would, an administrator who receives stock, and each service's management URL
 * (scraped before and after for cache and database figures).
 *
 * @param managementUrls service name → {@code http://host:port} of its actuator
 */
public record ShopTarget(String gatewayUrl, String cardTokenUrl, String cardKey, String adminEmail,
                         String adminPassword, Map<String, String> managementUrls) {

    public ShopTarget {
        managementUrls = Map.copyOf(managementUrls);
        gatewayUrl = stripSlash(gatewayUrl);
        cardTokenUrl = stripSlash(cardTokenUrl);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
