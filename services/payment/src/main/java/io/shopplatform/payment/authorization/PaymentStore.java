package io.shopplatform.payment.authorization;

import io.shopplatform.payment.PaymentProperties;
import io.shopplatform.payment.provider.CardDetails;
import io.shopplatform.payment.provider.ProviderName;
import io.shopplatform.service.contracts.PaymentEvent;
import io.shopplatform.service.outbox.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payments table. Reads for a decision go to the primary ({@code NO LOAD BALANCE} or inside a transaction);
 * every state change is guarded by the row's {@code version}, so a change made from a stale read is refused, and
 * writes its attempts and its event in the same transaction.
 */
@Component
public class PaymentStore {

    private static final String COLUMNS = "id, idempotency_key, order_id, user_id, provider, provider_reference, amount,"
            + " currency, status, refunded_amount, failure_code, version, card_token, card_last4, card_brand,"
            + " card_fingerprint, request_hash, hold_reason, retries";
    static final String SELECT = "SELECT " + COLUMNS + " FROM payments.payments";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final Duration lease;

    PaymentStore(JdbcTemplate jdbc, TransactionTemplate tx, Outbox outbox, PaymentProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.lease = props.pending().lease();
    }

    /**
     * A new PENDING payment, left alone by the retry job for {@code lease} while its request works on it; empty when
     * the key is taken (a replay, or a twin request).
     */
    Optional<PaymentRow> insert(String key, PaymentRequest r, ProviderName primary, String requestHash, Duration lease) {
        return tx.execute(s -> jdbc.query("INSERT INTO payments.payments (idempotency_key, order_id, user_id, provider,"
                        + " amount, currency, card_token, request_hash, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))"
                        + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING " + COLUMNS, PaymentStore::row,
                key, r.orderId(), r.userId(), primary.id(), r.amount(), r.currency(), r.cardToken(), requestHash,
                (double) lease.toMillis() / 1000).stream().findFirst());
    }

    public Optional<PaymentRow> byKey(String key) {
        return jdbc.query("/*NO LOAD BALANCE*/ " + SELECT + " WHERE idempotency_key = ?", PaymentStore::row, key)
                .stream().findFirst();
    }

    /** From the primary: what a decision (capture, void, refund) must act on. */
    public Optional<PaymentRow> current(UUID id) {
        return jdbc.query("/*NO LOAD BALANCE*/ " + SELECT + " WHERE id = ?", PaymentStore::row, id).stream().findFirst();
    }

    /** From whichever node PgPool picks: the caller fences it. */
    Optional<PaymentRow> byId(UUID id) {
        return jdbc.query(SELECT + " WHERE id = ?", PaymentStore::row, id).stream().findFirst();
    }

    List<PaymentRow> byOrder(long orderId) {
        return jdbc.query(SELECT + " WHERE order_id = ? ORDER BY created_at", PaymentStore::row, orderId);
    }

    /**
     * The next due PENDING payment nobody else works on, leased to the caller: every replica runs this at once and
     * each gets a different payment ({@code FOR UPDATE SKIP LOCKED}); the lease keeps the others off it until this
     * one has settled it (or died: then it is due again).
     */
    Optional<PaymentRow> claimDue(Duration lease) {
        return tx.execute(s -> {
            Optional<PaymentRow> due = jdbc.query(SELECT + " WHERE status = 'PENDING' AND next_attempt_at <= now()"
                    + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED", PaymentStore::row).stream().findFirst();
            due.ifPresent(p -> jdbc.update("UPDATE payments.payments SET next_attempt_at = now()"
                    + " + make_interval(secs => ?) WHERE id = ?", (double) lease.toMillis() / 1000, p.id()));
            return due;
        });
    }

    /**
     * Writes where a round of authorization left the payment, if nobody changed it since {@code p} was read (a void
     * of a PENDING payment, say); empty otherwise.
     *
     * @param retryIn for a PENDING outcome: when the job tries again
     */
    Optional<PaymentRow> settle(PaymentRow p, Outcome o, Duration retryIn) {
        return tx.execute(s -> {
            CardDetails card = o.card();
            Status status;
            ProviderName provider = p.provider();
            String reference = null, failure = null, hold = p.holdReason();
            String event = null;
            if (o instanceof Outcome.Authorized a) {
                status = Status.AUTHORIZED;
                provider = a.provider();
                reference = a.reference();
                event = PaymentEvent.AUTHORIZED;
            } else if (o instanceof Outcome.Declined d) {
                status = Status.DECLINED;
                provider = d.provider();
                failure = d.code();
                event = PaymentEvent.DECLINED;
            } else if (o instanceof Outcome.Held h) {
                status = Status.HELD;
                hold = h.reason();
            } else {
                Outcome.Pending pending = (Outcome.Pending) o;
                status = Status.PENDING;
                if (pending.uncertainAt() != null) {
                    provider = pending.uncertainAt();
                    failure = PaymentRow.UNCERTAIN;
                } else {
                    failure = pending.reason();
                }
            }
            int changed = jdbc.update("UPDATE payments.payments SET status = ?, provider = ?, provider_reference = ?,"
                    + " failure_code = ?, hold_reason = ?, card_last4 = ?, card_brand = ?, card_fingerprint = ?,"
                    + " next_attempt_at = CASE WHEN ? THEN now() + make_interval(secs => ?) END,"
                    + " retries = retries + CASE WHEN ? THEN 1 ELSE 0 END,"
                    + " version = version + 1, updated_at = now() WHERE id = ? AND version = ?",
                    status.name(), provider.id(), reference, failure, hold,
                    card == null ? null : card.last4(), card == null ? null : card.brand(),
                    card == null ? null : card.fingerprint(),
                    status == Status.PENDING, (double) retryIn.toMillis() / 1000, status == Status.PENDING,
                    p.id(), p.version());
            if (changed == 0) {
                return Optional.<PaymentRow>empty();
            }
            o.attempts().forEach(a -> attempt(p.id(), a));
            PaymentRow now = current(p.id()).orElseThrow();
            if (event != null) {
                publish(now, event);
            }
            return Optional.of(now);
        });
    }

    /**
     * Moves {@code p} to {@code to} if it is still at the version read, with its event; empty if it moved meanwhile.
     */
    Optional<PaymentRow> transition(PaymentRow p, Status to, String event, String failureCode, Attempt attempt) {
        return tx.execute(s -> {
            int changed = jdbc.update("UPDATE payments.payments SET status = ?, failure_code = coalesce(?, failure_code),"
                    // Back to PENDING (approved after review): leased to the caller, due for the job if it dies.
                    + " next_attempt_at = CASE WHEN ? THEN now() + make_interval(secs => ?) END,"
                    + " version = version + 1, updated_at = now() WHERE id = ? AND version = ?",
                    to.name(), failureCode, to == Status.PENDING, (double) lease.toMillis() / 1000, p.id(), p.version());
            if (changed == 0) {
                return Optional.<PaymentRow>empty();
            }
            if (attempt != null) {
                attempt(p.id(), attempt);
            }
            PaymentRow now = current(p.id()).orElseThrow();
            if (event != null) {
                publish(now, event);
            }
            return Optional.of(now);
        });
    }

    /** Puts the payment's event in the outbox; inside the transaction of its change. */
    public void publish(PaymentRow p, String event) {
        outbox.append(PaymentEvent.AGGREGATE, p.id().toString(), event, new PaymentEvent(p.id(), p.orderId(),
                p.status().name(), p.provider().id(), p.amount(), p.currency(), p.refundedAmount(), p.failureCode()));
    }

    public void attempt(UUID payment, Attempt a) {
        jdbc.update("INSERT INTO payments.payment_attempts (payment_id, provider, operation, outcome,"
                        + " provider_reference, error_code, error_message, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                payment, a.provider().id(), a.operation(), a.outcome(), a.reference(), a.errorCode(),
                a.errorMessage() == null ? null : a.errorMessage().substring(0, Math.min(500, a.errorMessage().length())),
                Timestamp.from(a.startedAt()));
    }

    static PaymentRow row(ResultSet rs, int i) throws SQLException {
        return new PaymentRow(rs.getObject("id", UUID.class), rs.getString("idempotency_key"), rs.getLong("order_id"),
                rs.getObject("user_id", UUID.class), ProviderName.of(rs.getString("provider")),
                rs.getString("provider_reference"), rs.getBigDecimal("amount"), rs.getString("currency"),
                Status.valueOf(rs.getString("status")), rs.getBigDecimal("refunded_amount"),
                rs.getString("failure_code"), rs.getLong("version"), rs.getString("card_token"),
                rs.getString("card_last4"), rs.getString("card_brand"), rs.getString("card_fingerprint"),
                rs.getString("request_hash"), rs.getString("hold_reason"), rs.getInt("retries"));
    }
}
