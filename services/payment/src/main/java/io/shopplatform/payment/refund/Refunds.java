package io.shopplatform.payment.refund;

import io.shopplatform.payment.authorization.Attempt;
import io.shopplatform.payment.authorization.PaymentRow;
import io.shopplatform.payment.authorization.PaymentStore;
import io.shopplatform.payment.authorization.Status;
import io.shopplatform.payment.provider.ProviderFailure;
import io.shopplatform.payment.provider.ProviderProblems;
import io.shopplatform.payment.provider.Providers;
import io.shopplatform.service.contracts.PaymentEvent;
import io.shopplatform.service.problem.FieldProblemException;
import io.shopplatform.service.problem.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Full and partial refunds, idempotent per key. The amount is committed against the payment before the provider
 * is asked ({@code refunded_amount}, which the database keeps at most the amount paid), so two refunds at once can
 * never refund more than was paid; a refund the provider refuses gives its amount back. A refund whose provider call
 * failed or timed out stays PENDING: the same request again asks the provider again with the same key.
 */
@Service
public class Refunds {

    /** A refund, and whether this request made it (false: a replay). */
    public record Made(Refund refund, boolean created) {}

    private record Row(UUID id, UUID paymentId, BigDecimal amount, String reason, String status) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentStore payments;
    private final Providers providers;

    Refunds(JdbcTemplate jdbc, TransactionTemplate tx, PaymentStore payments, Providers providers) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.providers = providers;
    }

    public Made refund(UUID paymentId, String key, RefundRequest request) {
        Optional<Row> existing = byKey(key);
        if (existing.isPresent()) {
            Row r = existing.get();
            if (!r.paymentId().equals(paymentId) || r.amount().compareTo(request.amount()) != 0) {
                throw new FieldProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused",
                        "Idempotency-Key", "was used for another refund");
            }
            return new Made(r.status().equals("PENDING") ? send(r) : view(r), false);
        }
        Row made = tx.execute(s -> {
            // Locked: two refunds of one payment commit their amounts one after the other.
            PaymentRow p = jdbc.queryForList("SELECT id FROM payments.payments WHERE id = ? FOR UPDATE", UUID.class,
                    paymentId).stream().findFirst().flatMap(payments::current)
                    .orElseThrow(() -> new NotFoundException("payment", paymentId));
            if (!p.status().captured()) {
                throw new FieldProblemException(HttpStatus.CONFLICT, "Payment not captured", "paymentId",
                        "is " + p.status() + ": only captured money can be refunded");
            }
            if (p.refundedAmount().add(request.amount()).compareTo(p.amount()) > 0) {
                throw overRefund(p);
            }
            try {
                jdbc.update("UPDATE payments.payments SET refunded_amount = refunded_amount + ?, version = version + 1,"
                        + " updated_at = now() WHERE id = ?", request.amount(), paymentId);
            } catch (DataIntegrityViolationException e) {
                throw overRefund(p);   // the database's own guard
            }
            return jdbc.query("INSERT INTO payments.refunds (idempotency_key, payment_id, amount, reason)"
                    + " VALUES (?, ?, ?, ?) RETURNING id, payment_id, amount, reason, status", Refunds::row,
                    key, paymentId, request.amount(), request.reason()).get(0);
        });
        return new Made(send(made), true);
    }

    /** Asks the provider (again, with the same key) and writes its answer. */
    private Refund send(Row r) {
        PaymentRow p = payments.current(r.paymentId()).orElseThrow();
        Instant started = Instant.now();
        String reference;
        try {
            reference = providers.get(p.provider()).refund(p.providerReference(), r.amount(), p.currency(),
                    "refund-" + r.id());
        } catch (ProviderFailure f) {
            if (f.kind() != ProviderFailure.Kind.REFUSED) {
                throw ProviderProblems.unavailable(f, "the refund " + r.id() + " is pending: send the same request again");
            }
            tx.executeWithoutResult(s -> {
                jdbc.update("UPDATE payments.refunds SET status = 'FAILED', failure_code = ?, updated_at = now()"
                        + " WHERE id = ? AND status = 'PENDING'", f.code(), r.id());
                jdbc.update("UPDATE payments.payments SET refunded_amount = refunded_amount - ?, version = version + 1,"
                        + " updated_at = now() WHERE id = ?", r.amount(), r.paymentId());
                payments.attempt(p.id(), new Attempt(p.provider(), "REFUND", "ERROR", null, f.code(), f.getMessage(),
                        started));
            });
            throw new FieldProblemException(HttpStatus.CONFLICT, "Provider refused the refund", "amount",
                    "was refused by " + f.provider().id() + " (" + f.code() + ")");
        }
        tx.executeWithoutResult(s -> {
            if (jdbc.update("UPDATE payments.refunds SET status = 'SUCCEEDED', provider_reference = ?,"
                    + " updated_at = now() WHERE id = ? AND status = 'PENDING'", reference, r.id()) == 0) {
                return;   // a twin request recorded it first
            }
            jdbc.update("UPDATE payments.payments SET status = CASE WHEN refunded_amount = amount THEN ? ELSE ? END,"
                            + " version = version + 1, updated_at = now() WHERE id = ?",
                    Status.REFUNDED.name(), Status.PARTIALLY_REFUNDED.name(), p.id());
            payments.attempt(p.id(), new Attempt(p.provider(), "REFUND", "SUCCEEDED", reference, null, null, started));
            payments.publish(payments.current(p.id()).orElseThrow(), PaymentEvent.REFUNDED);
        });
        return view(byKeyOrId(r.id()));
    }

    private Refund view(Row r) {
        PaymentRow p = payments.current(r.paymentId()).orElseThrow();
        return new Refund(r.id(), r.paymentId(), r.amount(), r.reason(), r.status(), p.status().name(),
                p.refundedAmount());
    }

    private Optional<Row> byKey(String key) {
        return jdbc.query("/*NO LOAD BALANCE*/ SELECT id, payment_id, amount, reason, status FROM payments.refunds"
                + " WHERE idempotency_key = ?", Refunds::row, key).stream().findFirst();
    }

    private Row byKeyOrId(UUID id) {
        return jdbc.query("/*NO LOAD BALANCE*/ SELECT id, payment_id, amount, reason, status FROM payments.refunds"
                + " WHERE id = ?", Refunds::row, id).get(0);
    }

    private static FieldProblemException overRefund(PaymentRow p) {
        return new FieldProblemException(HttpStatus.CONFLICT, "Refund exceeds payment", "amount",
                "is more than the " + p.amount().subtract(p.refundedAmount()).toPlainString() + " left to refund");
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBigDecimal(3), rs.getString(4),
                rs.getString(5));
    }
}
