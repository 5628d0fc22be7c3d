package io.shopplatform.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.service.contracts.OrderPlaced;
import io.shopplatform.service.contracts.OrderStatusChanged;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The order mails: from the order service's {@code placed} and {@code status} events to the shopper's mailbox. */
@UserIntegrationTest
class OrderMailIntegrationTests extends RegisteredShopper {

    private static final Duration MAIL_WAIT = Duration.ofSeconds(60);

    @Test
    void aPlacedOrderMailsTheShopperOnceEvenWhenItsEventComesTwiceOrIsSentAgain() throws Exception {
        OrderPlaced order = order(id);
        UUID first = UUID.randomUUID(), again = UUID.randomUUID();

        try (OrderService orders = new OrderService()) {
            orders.placed(first, order);
            orders.placed(first, order);   // a redelivery
            orders.placed(again, order);   // the same order in a second event (a producer that re-sent it)
        }

        Mailbox mailbox = new Mailbox(email);
        List<Mailbox.Mail> mails = await().atMost(MAIL_WAIT).pollInterval(Duration.ofMillis(300))
                .until(mailbox::inbox, m -> !m.isEmpty());
        // Same key, same partition: once the last event is recorded, the two before it were handled too.
        await().atMost(MAIL_WAIT).until(() -> handled(again));
        assertThat(sent(order.orderId())).isTrue();
        assertThat(mailbox.inbox()).hasSize(1);
        Mailbox.Mail mail = mails.get(0);
        assertThat(mail.subject()).isEqualTo("Your shop order " + order.orderId() + " is confirmed");
        assertThat(mail.from()).isEqualTo("no-reply@shop.local");
        assertThat(mail.text()).contains("SKU-MUG-1  × 2  at 4.50 EUR", "SKU-TEA-7  × 1  at 12.00 EUR",
                "Total: 21.00 EUR");
    }

    @Test
    void aCancelledCheckoutMailsWhyOnceAndAConfirmedStatusAddsNoSecondMail() throws Exception {
        long cancelledId = order(id).orderId();
        OrderPlaced confirmed = order(id);
        OrderStatusChanged cancelled = new OrderStatusChanged(cancelledId, id, "CANCELLED", "payment declined by the card issuer");
        UUID cancelEvent = UUID.randomUUID(), confirmedStatus = UUID.randomUUID();

        try (OrderService orders = new OrderService()) {
            orders.statusChanged(cancelEvent, cancelled);
            orders.statusChanged(cancelEvent, cancelled);   // a redelivery
            orders.placed(UUID.randomUUID(), confirmed);
            orders.statusChanged(confirmedStatus, new OrderStatusChanged(confirmed.orderId(), id, "CONFIRMED", null));
        }

        Mailbox mailbox = new Mailbox(email);
        await().atMost(MAIL_WAIT).until(() -> handled(cancelEvent) && handled(confirmedStatus)
                && sent(cancelledId) && sent(confirmed.orderId()));
        List<Mailbox.Mail> mails = await().atMost(MAIL_WAIT).pollInterval(Duration.ofMillis(300))
                .until(mailbox::inbox, m -> m.size() >= 2);
        assertThat(mails).extracting(Mailbox.Mail::subject).containsExactlyInAnyOrder(
                "Your shop order " + cancelledId + " was cancelled", "Your shop order " + confirmed.orderId() + " is confirmed");
        assertThat(mails).filteredOn(m -> m.subject().endsWith("cancelled")).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("payment declined by the card issuer", "Nothing was charged"));
    }

    @Test
    void aDeletedAccountGetsNoMailAndItsEventIsStillAcknowledged() throws Exception {
        Api.Session session = api.loggedIn(email, Api.GOOD_PASSWORD);
        assertThat(api.delete("/api/v1/users/me", "{\"password\": \"" + Api.GOOD_PASSWORD + "\"}",
                session.accessToken()).status()).isEqualTo(204);
        OrderPlaced order = order(id);
        UUID event = UUID.randomUUID(), unknownAccount = UUID.randomUUID();

        try (OrderService orders = new OrderService()) {
            orders.placed(event, order);
            orders.placed(unknownAccount, order(UUID.randomUUID().toString()));
        }

        await().atMost(MAIL_WAIT).until(() -> handled(event) && handled(unknownAccount));
        assertThat(Rows.count("SELECT 1 FROM users.order_mails WHERE order_id = ?", order.orderId())).isZero();
        assertThat(new Mailbox(email).inbox()).isEmpty();
    }

    @Test
    void aMailServerOutageDelaysTheMailAndLosesNone() throws Exception {
        OrderPlaced order = order(id);
        UUID event = UUID.randomUUID();
        Mailbox mailbox = new Mailbox(email);

        MailRelay.shared().cut();
        try {
            try (OrderService orders = new OrderService()) {
                orders.placed(event, order);
            }
            await().atMost(MAIL_WAIT).until(() -> handled(event) && Rows.count("""
                    SELECT 1 FROM users.order_mails
                    WHERE order_id = ? AND sent_at IS NULL AND attempts > 0 AND last_error IS NOT NULL""",
                    order.orderId()) == 1);
            assertThat(mailbox.inbox()).as("nothing could be sent").isEmpty();
        } finally {
            MailRelay.shared().mend();
        }

        List<Mailbox.Mail> mails = await().atMost(MAIL_WAIT).pollInterval(Duration.ofMillis(300))
                .until(mailbox::inbox, m -> !m.isEmpty());
        assertThat(mails).extracting(Mailbox.Mail::subject)
                .containsExactly("Your shop order " + order.orderId() + " is confirmed");
    }

    /** An order of two lines for {@code account}, with an id no other test uses. */
    private static OrderPlaced order(String account) {
        long orderId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
        return new OrderPlaced(orderId, account, List.of(
                new OrderPlaced.Line(11, "SKU-MUG-1", 2, new BigDecimal("4.50")),
                new OrderPlaced.Line(12, "SKU-TEA-7", 1, new BigDecimal("12.00"))), new BigDecimal("21.00"), "EUR");
    }

    /** The consumer recorded the event: it handled it and moves on (nothing dead-lettered, nothing retried). */
    private static boolean handled(UUID event) {
        return Rows.count("SELECT 1 FROM users.processed_events WHERE consumer = 'user-order-mails' AND event_id = ?",
                event) == 1;
    }

    private static boolean sent(long orderId) {
        return Rows.count("SELECT 1 FROM users.order_mails WHERE order_id = ? AND sent_at IS NOT NULL", orderId) == 1;
    }
}
