package io.shopplatform.user.reset;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password reset by mail ({@code shop.user.reset.*}).
 *
 * @param tokenTtl how long a reset link works (once)
 * @param from     the mail's sender
 * @param link     the page a shopper opens; the token is appended
 * @param group    the consumer group that sends the mails (one instance sends each)
 */
@ConfigurationProperties("shop.user.reset")
record ResetProperties(@DefaultValue("30m") Duration tokenTtl, @DefaultValue("no-reply@shop.local") String from,
                       String link, @DefaultValue("user-mail") String group) {
}
