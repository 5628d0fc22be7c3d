package io.shopplatform.user.keys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access tokens and their signing keys ({@code shop.user.tokens.*}).
 *
 * @param issuer      the {@code iss} claim; every service checks it ({@code shop.security.issuer})
 * @param accessTtl   how long an access token is valid
 * @param keySecret   encrypts the private keys stored in the database (from the service's Secret); at least 24
 *                    characters of randomness
 * @param rotateEvery how long one key signs before a new one takes over
 * @param checkEvery  how often each instance looks whether a new key is due (and picks up one made elsewhere)
 * @param publishAhead how long a scheduled key is in the JWKS before it signs: longer than validators cache the
 *                    JWKS ({@code shop.security.keys-cached-for}, 5 min), so none meets its first token unprepared
 */
@ConfigurationProperties("shop.user.tokens")
public record TokenProperties(@DefaultValue("shop-user") String issuer,
                              @DefaultValue("15m") Duration accessTtl,
                              String keySecret,
                              @DefaultValue("24h") Duration rotateEvery,
                              @DefaultValue("1m") Duration checkEvery,
                              @DefaultValue("6m") Duration publishAhead) {

    public static final String AUDIENCE = "shop";

    public TokenProperties {
        if (keySecret == null || keySecret.length() < 24) {
            throw new IllegalArgumentException("shop.user.tokens.key-secret (SHOP_USER_KEY_SECRET) must hold at least"
                    + " 24 characters of randomness");
        }
        if (publishAhead.compareTo(rotateEvery) >= 0) {
            throw new IllegalArgumentException("shop.user.tokens.publish-ahead (" + publishAhead
                    + ") must be shorter than rotate-every (" + rotateEvery + ")");
        }
    }
}
