package io.shopplatform.service.security;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * JWT validation ({@code shop.security.*}).
 *
 * @param jwksUri     where the user service publishes its signing keys
 * @param publicReads path patterns anyone may GET (a catalog is public; an order history is not)
 */
@ConfigurationProperties("shop.security")
public record SecurityProperties(URI jwksUri, @DefaultValue List<String> publicReads) {
}
