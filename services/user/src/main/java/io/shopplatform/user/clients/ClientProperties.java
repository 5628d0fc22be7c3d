package io.shopplatform.user.clients;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The services that may ask for tokens in their own name ({@code shop.user.clients.<name>: <secret>}), from the
 * model's {@code Shop.SERVICE_CLIENTS}: each secret is generated once per environment and given to both the client
 * and this service ({@code SHOP_<NAME>_CLIENT_SECRET}).
 */
@ConfigurationProperties("shop.user")
public record ClientProperties(Map<String, String> clients) {

    /** As many characters as the generated secrets have: a short one is a misconfiguration, not a secret. */
    static final int MIN_SECRET_LENGTH = 24;

    public ClientProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        clients.forEach((name, secret) -> {
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("shop.user.clients." + name + " must hold at least "
                        + MIN_SECRET_LENGTH + " characters of randomness");
            }
        });
    }
}
