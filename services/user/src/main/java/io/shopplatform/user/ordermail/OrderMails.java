package io.shopplatform.user.ordermail;

import io.shopplatform.service.contracts.OrderPlaced;
import io.shopplatform.service.contracts.OrderStatusChanged;
import io.shopplatform.service.outbox.EventSubscription;
import io.shopplatform.service.outbox.ProcessedEvents;
import io.shopplatform.user.account.Account;
import io.shopplatform.user.account.Accounts;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Queues an order's one mail: the confirmation for each {@code orders.order placed} event, or, for a checkout that
 * ended {@code CANCELLED} (its {@code status} event), why and that nothing was charged. A row in {@code order_mails},
 * written in the transaction that records the event id, keyed by the order id, so neither a redelivery nor a second
 * event for the same order makes a second mail. The mail goes out later ({@link OrderMailSender}): a mail server outage
 * never fails the event, so it is never dead-lettered. An order of an account that is gone (deleted, or unknown)
 * is acknowledged and gets no mail.
 */
@Configuration
class OrderMails {

    private static final Logger log = LoggerFactory.getLogger(OrderMails.class);
    private static final String CANCELLED = "CANCELLED";

    @Bean
    EventSubscription orderMailEvents(ProcessedEvents processed, Accounts accounts, JdbcTemplate jdbc,
                                      OrderMailProperties props) {
        return EventSubscription.byType(OrderPlaced.TOPIC, props.group(), Map.of(
                OrderPlaced.TYPE, processed.handling(props.group(), OrderPlaced.class, order ->
                        queue(accounts, jdbc, order.orderId(), order.userId(), subject(order), body(order))),
                OrderStatusChanged.TYPE, processed.handling(props.group(), OrderStatusChanged.class, change -> {
                    // CONFIRMED is mailed from `placed`, which carries the lines; a checkout ends either way, once.
                    if (CANCELLED.equals(change.status())) {
                        queue(accounts, jdbc, change.orderId(), change.userId(), subject(change), body(change));
                    }
                })));
    }

    /** A row for the sender, keyed by the order: neither a redelivery nor a second event makes a second mail. */
    private static void queue(Accounts accounts, JdbcTemplate jdbc, long orderId, String userId, String subject,
                              String body) {
        Optional<Account> account = accountId(userId).flatMap(accounts::byId).filter(Account::active);
        if (account.isEmpty()) {
            log.info("no mail for order {}: its account is deleted or unknown", orderId);
            return;
        }
        jdbc.update("""
                INSERT INTO order_mails (order_id, account_id, subject, body) VALUES (?, ?, ?, ?)
                ON CONFLICT (order_id) DO NOTHING""", orderId, account.get().id(), subject, body);
    }

    static String subject(OrderStatusChanged cancelled) {
        return "Your shop order " + cancelled.orderId() + " was cancelled";
    }

    static String body(OrderStatusChanged cancelled) {
        return """
                We could not complete your order %d: %s.

                Nothing was charged: any hold the payment put on your card has been released.
                """.formatted(cancelled.orderId(), cancelled.reason() == null ? "it was cancelled" : cancelled.reason());
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
