package io.shopplatform.user.ordermail;

import io.shopplatform.service.contracts.OrderPlaced;
import io.shopplatform.service.outbox.EventSubscription;
import io.shopplatform.service.outbox.ProcessedEvents;
import io.shopplatform.user.account.Account;
import io.shopplatform.user.account.Accounts;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Queues an order confirmation mail for each {@code orders.order placed} event: a row in {@code order_mails}, written
 * in the transaction that records the event id, keyed by the order id, so neither a redelivery nor a second event
 * for the same order makes a second mail. The mail goes out later ({@link OrderMailSender}): a mail server outage
 * never fails the event, so it is never dead-lettered. An order of an account that is gone (deleted, or unknown)
 * is acknowledged and gets no mail.
 */
@Configuration
class OrderMails {

    private static final Logger log = LoggerFactory.getLogger(OrderMails.class);

    @Bean
    EventSubscription orderConfirmations(ProcessedEvents processed, Accounts accounts, JdbcTemplate jdbc,
                                         OrderMailProperties props) {
        return processed.once(OrderPlaced.TOPIC, props.group(), OrderPlaced.TYPE, OrderPlaced.class, order -> {
            Optional<Account> account = accountId(order.userId()).flatMap(accounts::byId).filter(Account::active);
            if (account.isEmpty()) {
                log.info("no confirmation mail for order {}: its account is deleted or unknown", order.orderId());
                return;
            }
            jdbc.update("""
                    INSERT INTO order_mails (order_id, account_id, subject, body) VALUES (?, ?, ?, ?)
                    ON CONFLICT (order_id) DO NOTHING""",
                    order.orderId(), account.get().id(), subject(order), body(order));
        });
    }

    static String subject(OrderPlaced order) {
        return "Your shop order " + order.orderId() + " is confirmed";
    }

    static String body(OrderPlaced order) {
        String lines = order.items() == null ? "" : order.items().stream()
                .map(l -> "  %s  × %d  at %s %s".formatted(l.sku(), l.quantity(), l.unitPrice().toPlainString(),
                        order.currency()))
                .collect(Collectors.joining("\n", "", "\n"));
        return """
                Thank you for your order %d. It is paid and confirmed:

                %s
                Total: %s %s
                """.formatted(order.orderId(), lines, order.total().toPlainString(), order.currency());
    }

    private static Optional<UUID> accountId(String userId) {
        try {
            return Optional.ofNullable(userId).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
