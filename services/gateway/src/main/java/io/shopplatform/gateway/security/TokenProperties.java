package io.shopplatform.gateway.security;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which access tokens the gateway accepts ({@code shop.security.*}), the user service's contract: RS256 with a
 * {@code kid} from its JWKS, {@code typ: at+jwt}, this issuer, and this audience among {@code aud}.
 */
@ConfigurationProperties("shop.security")
public record TokenProperties(URI jwksUri, @DefaultValue("shop-user") String issuer,
                              @DefaultValue("shop") String audience) {
}
