package io.shopplatform.order;

import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who a caller is as a shopper: the {@code sub} of a shopper's access token is their account's UUID. */
public final class Shoppers {

    private Shoppers() {}

    /** The shopper's id; a token of anything else (another service's) is refused with 403. */
    public static UUID id(Jwt caller) {
        try {
            return UUID.fromString(caller.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AccessDeniedException("only shoppers have carts and orders");
        }
    }
}
