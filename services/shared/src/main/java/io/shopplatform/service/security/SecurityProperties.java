package io.shopplatform.service.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * JWT validation ({@code shop.security.*}); the token contract is in docs/contracts.md.
 *
 * @param jwksUri           where the user service publishes its signing keys
 * @param publicReads       path patterns anyone may GET (a catalog is public; an order history is not)
 * @param issuer            the {@code iss} every access token carries
 * @param audience          a value the {@code aud} of every access token contains
 * @param jwksTimeout       connect and read timeout of one JWKS fetch: a request waits at most about twice this
 * @param keysCachedFor     how long fetched keys are used before they are fetched again
 * @param refetchAtMostEvery an unknown {@code kid} triggers a fetch at most this often (random kids cannot flood the
 *                          user service or stall requests behind the fetch)
 * @param keysKeptThroughOutage how long the last good keys stay in use while the user service cannot be reached
 * @param openPaths         path patterns anyone may call with any method (an anonymous shopper's cart); a token
 *                          sent there is still validated, so the controller knows who a signed-in caller is
 */
@ConfigurationProperties("shop.security")
public record SecurityProperties(URI jwksUri, @DefaultValue List<String> publicReads,
                                 @DefaultValue("shop-user") String issuer,
                                 @DefaultValue("shop") String audience,
                                 @DefaultValue("2s") Duration jwksTimeout,
                                 @DefaultValue("5m") Duration keysCachedFor,
                                 @DefaultValue("30s") Duration refetchAtMostEvery,
                                 @DefaultValue("12h") Duration keysKeptThroughOutage,
                                 @DefaultValue List<String> openPaths) {
}
