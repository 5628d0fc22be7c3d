package io.shopplatform.user.ordermail;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due order mails, on every instance: each takes a row with {@code FOR UPDATE SKIP LOCKED}, sends it and marks
 * it sent in that transaction, so two instances never send one mail (a crash between sending and committing sends
 * it again: at least once). The address is the account's at sending time; an account deleted meanwhile gets none.
 * When the mail server fails, the row waits (doubling up to {@code max-backoff}) and this round stops.
 */
@Component
class OrderMailSender {

    private static final Logger log = LoggerFactory.getLogger(OrderMailSender.class);

    private record Due(long orderId, UUID account, String email, String status, String subject, String body,
                       int attempts) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JavaMailSender mail;
    private final OrderMailProperties props;

    OrderMailSender(JdbcTemplate jdbc, TransactionTemplate tx, JavaMailSender mail, OrderMailProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mail = mail;
        this.props = props;
    }

    @Scheduled(fixedDelayString = "${shop.user.order-mails.send-every:1s}")
    void sendDue() {
        try {
            for (int i = 0; i < props.batch() && Boolean.TRUE.equals(tx.execute(status -> sendOne())); i++) {
                // one mail per transaction, so a slow mail server holds one row at a time
            }
        } catch (RuntimeException e) {
            log.warn("could not look for due order mails: {}", e.toString());   // the next round tries again
        }
    }

    /** True if a mail was handled and another may be due. */
    private boolean sendOne() {
        List<Due> due = jdbc.query("""
                SELECT m.order_id, m.account_id, a.email, a.status, m.subject, m.body, m.attempts
                FROM order_mails m JOIN accounts a ON a.id = m.account_id
                WHERE m.sent_at IS NULL AND m.next_attempt_at <= now()
                ORDER BY m.next_attempt_at LIMIT 1 FOR UPDATE OF m SKIP LOCKED""",
                (rs, i) -> new Due(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7)));
        if (due.isEmpty()) {
            return false;
        }
        Due m = due.get(0);
        if (!"ACTIVE".equals(m.status())) {
            jdbc.update("DELETE FROM order_mails WHERE order_id = ?", m.orderId());
            return true;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(props.from());
        message.setTo(m.email());
        message.setSubject(m.subject());
        message.setText(m.body());
        try {
            mail.send(message);
        } catch (MailException e) {
            Duration wait = backoff(m.attempts() + 1);
            jdbc.update("UPDATE order_mails SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                    + " WHERE order_id = ?", Timestamp.from(Instant.now().plus(wait)), e.toString(), m.orderId());
            log.warn("order mail {} not sent (attempt {}), next try in {}: {}", m.orderId(), m.attempts() + 1, wait,
                    e.toString());
            return false;
        }
        jdbc.update("UPDATE order_mails SET attempts = attempts + 1, sent_at = now(), last_error = NULL"
                + " WHERE order_id = ?", m.orderId());
        return true;
    }

    /** 1 s, 2 s, 4 s, ... up to {@code max-backoff}. */
    private Duration backoff(int attempts) {
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(props.maxBackoff()) > 0 ? props.maxBackoff() : wait;
    }
}
