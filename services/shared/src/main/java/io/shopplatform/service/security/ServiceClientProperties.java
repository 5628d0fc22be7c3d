package io.shopplatform.service.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This service's identity when it calls other services in its own name ({@code shop.client.*}); only services the
 * model lists as service clients have one (their {@code SHOP_<NAME>_CLIENT_SECRET}).
 *
 * @param id            the client's name at the user service; the service's own name unless set
 * @param secret        the client secret; {@link ServiceTokens} exists only when it is set
 * @param renewBefore   a token is replaced this long before it expires, so none expires in flight
 * @param timeout       connect and read timeout of one token request
 */
@ConfigurationProperties("shop.client")
public record ServiceClientProperties(String id, String secret,
                                      @DefaultValue("1m") Duration renewBefore,
                                      @DefaultValue("2s") Duration timeout) {
}
