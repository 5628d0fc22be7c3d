package io.shopplatform.user.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password rules and hashing ({@code shop.user.passwords.*}).
 *
 * @param bcryptCost the BCrypt work factor: measured so that one login stays under 100 ms here (README)
 * @param minLength  fewest characters
 * @param maxLength  most characters; BCrypt reads 72 bytes at most, so longer ones are refused, not cut
 */
@ConfigurationProperties("shop.user.passwords")
public record PasswordProperties(@DefaultValue("10") int bcryptCost, @DefaultValue("10") int minLength,
                                 @DefaultValue("64") int maxLength) {
}
