package io.shopplatform.user.ordermail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Order confirmation mails ({@code shop.user.order-mails.*}).
 *
 * @param group      the consumer group of {@code orders.order} that queues the mails (one instance queues each)
 * @param from       the mails' sender
 * @param sendEvery  how often each instance looks for due mails
 * @param batch      at most this many mails per look
 * @param maxBackoff the longest wait between two attempts at one mail while the mail server fails
 */
@ConfigurationProperties("shop.user.order-mails")
record OrderMailProperties(@DefaultValue("user-order-mails") String group,
                           @DefaultValue("no-reply@shop.local") String from,
                           @DefaultValue("1s") Duration sendEvery,
                           @DefaultValue("50") int batch,
                           @DefaultValue("5m") Duration maxBackoff) {
}
