package io.shopplatform.order;

/**
 * The {@code Authorization} header value ({@code Bearer ...}) of this service's own calls to inventory and payment,
 * which take the role {@code ORDER_SERVICE}. Provided by the shared {@code ServiceTokens} (client credentials at the
 * user service, with {@code shop.client.secret}); tests sign one. No token now (the issuer is down):
 * throw {@link ServiceCalls.Unavailable}, so the caller tries again later.
 */
@FunctionalInterface
public interface CallerToken {

    String bearer();
}
