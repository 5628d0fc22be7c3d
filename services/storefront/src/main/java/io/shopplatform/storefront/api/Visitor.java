package io.shopplatform.storefront.api;

/**
 * Who is asking, as the browser's cookies say: a signed-in shopper's access token, or an anonymous cart's id, or
 * neither; and the newest {@code Shop-Version} their own writes produced, for reads that must see them
 * (docs/contracts.md, read-your-writes). Any may be null.
 */
public record Visitor(String accessToken, String cartId, String minVersion) {

    public Visitor(String accessToken, String cartId) {
        this(accessToken, cartId, null);
    }

    public boolean signedIn() {
        return accessToken != null;
    }
}
