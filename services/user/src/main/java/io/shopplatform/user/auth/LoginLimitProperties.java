package io.shopplatform.user.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed logins are allowed per window ({@code shop.user.login-limits.*}), counted in Redis so every
 * instance shares the count.
 *
 * @param perAccount failures for one email (registered or not, so the limit tells nothing about registration)
 * @param perAddress failures from one client address, over any emails (credential stuffing)
 */
@ConfigurationProperties("shop.user.login-limits")
public record LoginLimitProperties(@DefaultValue("5") int perAccount, @DefaultValue("30") int perAddress,
                                   @DefaultValue("1m") Duration window) {
}
