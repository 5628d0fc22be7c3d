package io.shopplatform.order.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shopplatform.model.BusinessMetric;
import io.shopplatform.order.OrderProperties;
import io.shopplatform.order.ServiceCalls;
import io.shopplatform.service.contracts.OrderPlaced;
import io.shopplatform.service.contracts.OrderStatusChanged;
import io.shopplatform.service.db.AfterCommit;
import io.shopplatform.service.outbox.Outbox;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The checkout saga, orchestrated and persisted in {@code orders.checkout_sagas}. Forward: reserve stock, authorize
 * the payment, confirm the reservation, capture, confirm the order. Backward (compensating, from wherever it
 * failed): void the payment, release the stock, cancel the order with its reason.
 *
 * <p>Crash safety: every remote step is idempotent on the other side (the reservation is keyed by order id, the
 * payment by {@code Idempotency-Key: order-<id>}, confirm/capture/void/release may be repeated), and a step is
 * recorded as done only after its answer. A runner holds a saga by a lease ({@code next_attempt_at} in the future,
 * claimed with {@code FOR UPDATE SKIP LOCKED}) and writes each transition only if the row's {@code version} is still
 * the one it read; a runner that died mid-step leaves the lease to run out, and whichever replica claims the saga
 * then repeats that step. No transaction stays open while another service is called.
 */
@Component
class CheckoutSaga {

    private static final Logger log = LoggerFactory.getLogger(CheckoutSaga.class);

    enum Step { RESERVE_STOCK, AUTHORIZE_PAYMENT, CONFIRM_RESERVATION, CAPTURE_PAYMENT, CONFIRM_ORDER, VOID_PAYMENT,
        RELEASE_STOCK, CANCEL_ORDER, DONE }

    /** A saga as its row holds it, with what the steps need of its order. */
    record State(UUID id, long orderId, Timestamp orderCreatedAt, UUID userId, BigDecimal total, String currency,
                 String status, Step step, UUID reservationId, UUID paymentId, String cardToken, int attempts,
                 Instant startedAt, long version) {
        boolean forward() {
            return status.equals("RUNNING");
        }
    }

    /** What a step's attempt leads to. */
    private sealed interface Outcome {}

    /** Done: go on with {@code next}, remembering ids learnt (null: unchanged). */
    private record Advance(Step next, UUID reservationId, UUID paymentId) implements Outcome {}

    /** The order cannot go through: compensate from {@code from}, the order's reason {@code reason}. */
    private record Compensate(Step from, String reason, String kind, UUID paymentId) implements Outcome {}

    /** No answer or a busy callee: try the same step later; {@code mayGiveUp}: past the deadline, compensate. */
    private record Retry(String error, boolean mayGiveUp, UUID paymentId) implements Outcome {}

    /** The saga finished in the step's own transaction. */
    private record Finished() implements Outcome {}

    /** A state no compensation can fix (say, stock consumed but the payment refuses capture): for an operator. */
    private record Broken(String error) implements Outcome {}

    private static final String SELECT = "/*NO LOAD BALANCE*/ SELECT s.id, s.order_id, s.order_created_at, o.user_id,"
            + " o.total, o.currency, s.status, s.step, s.reservation_id, s.payment_id, s.card_token, s.attempts,"
            + " s.created_at, s.version FROM orders.checkout_sagas s JOIN orders.orders o"
            + " ON o.order_id = s.order_id AND o.created_at = s.order_created_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ServiceCalls calls;
    private final Outbox outbox;
    private final OrderProperties.Saga pace;
    private final MeterRegistry meters;
    private final Counter ordersPlaced;

    CheckoutSaga(JdbcTemplate jdbc, TransactionTemplate tx, ServiceCalls calls, Outbox outbox, OrderProperties props,
                 MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.calls = calls;
        this.outbox = outbox;
        this.pace = props.saga();
        this.meters = meters;
        this.ordersPlaced = Counter.builder(BusinessMetric.ORDERS_PLACED.name())
                .description(BusinessMetric.ORDERS_PLACED.description()).register(meters);
    }

    /** In the checkout's transaction: the saga of a new order, leased to the request that runs it right away. */
    UUID start(long orderId, Timestamp orderCreatedAt, String cardToken) {
        return jdbc.queryForObject("INSERT INTO orders.checkout_sagas (order_id, order_created_at, card_token,"
                + " next_attempt_at) VALUES (?, ?, ?, now() + make_interval(secs => ?)) RETURNING id", UUID.class,
                orderId, orderCreatedAt, cardToken, seconds(pace.lease()));
    }

    /** Runs a saga this caller holds the lease of, until it finishes or must wait. */
    void runClaimed(UUID id) {
        List<State> found = jdbc.query(SELECT + " WHERE s.id = ?", this::row, id);
        if (!found.isEmpty()) {
            run(found.get(0));
        }
    }

    /**
     * Claims up to {@code batch} due sagas (lease run out, or a retry's time come) that no other replica is
     * claiming, and returns their ids; each is this caller's until the lease runs out.
     */
    List<UUID> claimDue(int batch) {
        return jdbc.queryForList("UPDATE orders.checkout_sagas SET next_attempt_at = now() + make_interval(secs => ?),"
                + " version = version + 1 WHERE id IN (SELECT id FROM orders.checkout_sagas WHERE status IN"
                + " ('RUNNING', 'COMPENSATING') AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED) RETURNING id", UUID.class, seconds(pace.lease()), batch);
    }

    /** Sagas not finished (running, compensating or waiting to retry): the HPA's {@code order_queue_depth}. */
    long unfinished() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM orders.checkout_sagas WHERE status IN"
                + " ('RUNNING', 'COMPENSATING')", Long.class);
        return n == null ? 0 : n;
    }

    private void run(State s) {
        while (s != null && s.step() != Step.DONE) {
            Timer.Sample timing = Timer.start(meters);
            Outcome outcome;
            try {
                outcome = attempt(s);
            } catch (ServiceCalls.Unavailable e) {
                outcome = new Retry(e.getMessage(), true, null);
            }
            timing.stop(Timer.builder("shop_order_saga_step").tag("step", s.step().name())
                    .tag("outcome", outcome.getClass().getSimpleName().toLowerCase())
                    .description("one attempt of a checkout saga step, by its outcome").register(meters));
            s = record(s, outcome);
        }
    }

    private Outcome attempt(State s) {
        return switch (s.step()) {
            case RESERVE_STOCK -> reserve(s);
            case AUTHORIZE_PAYMENT -> authorize(s);
            case CONFIRM_RESERVATION -> confirmReservation(s);
            case CAPTURE_PAYMENT -> capture(s);
            case CONFIRM_ORDER -> finish(s, "CONFIRMED", "COMPLETED");
            case VOID_PAYMENT -> voidPayment(s);
            case RELEASE_STOCK -> release(s);
            case CANCEL_ORDER -> finish(s, "CANCELLED", "COMPENSATED");
            case DONE -> new Finished();
        };
    }

    private Outcome reserve(State s) {
        List<Map<String, Object>> items = new ArrayList<>();
        jdbc.query("/*NO LOAD BALANCE*/ SELECT sku, sum(quantity) FROM orders.order_items WHERE order_id = ? AND"
                + " order_created_at = ? GROUP BY sku ORDER BY sku", rs -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("sku", rs.getString(1));
                    item.put("quantity", rs.getLong(2));
                    items.add(item);
                }, s.orderId(), s.orderCreatedAt());
        ServiceCalls.Reply r = calls.inventory(HttpMethod.POST, "/api/v1/inventory/reservations",
                Map.of("orderId", s.orderId(), "items", items));
        if (r.ok()) {
            return new Advance(Step.AUTHORIZE_PAYMENT, UUID.fromString(r.text("id")), null);
        }
        if (retryable(r)) {
            return new Retry("reserve: " + r.status() + " " + r.text("detail"), true, null);
        }
        return new Compensate(Step.RELEASE_STOCK, "out of stock: " + detail(r), "out_of_stock", null);
    }

    private Outcome authorize(State s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", s.orderId());
        body.put("userId", s.userId().toString());
        body.put("amount", s.total().toPlainString());
        body.put("currency", s.currency().trim());
        body.put("cardToken", s.cardToken());
        ServiceCalls.Reply r = calls.payment(HttpMethod.POST, "/api/v1/payments", body,
                Map.of("Idempotency-Key", "order-" + s.orderId()));
        if (r.ok()) {
            UUID payment = UUID.fromString(r.text("id"));
            return switch (String.valueOf(r.text("status"))) {
                case "AUTHORIZED", "CAPTURED" -> new Advance(Step.CONFIRM_RESERVATION, null, payment);
                case "DECLINED" -> new Compensate(Step.RELEASE_STOCK, "payment declined"
                        + (r.text("failureCode") != null ? ": " + r.text("failureCode") : ""), "declined", payment);
                // Both providers unavailable: the payment service retries; this saga asks again later.
                case "PENDING" -> new Retry("payment pending", true, payment);
                // A fraud rule holds it for a reviewer, who authorizes or declines it: asked again later.
                case "HELD" -> new Retry("payment held for review", true, payment);
                default -> new Broken("payment answered status " + r.text("status"));
            };
        }
        if (retryable(r)) {
            return new Retry("authorize: " + r.status() + " " + r.text("detail"), true, null);
        }
        return new Compensate(Step.VOID_PAYMENT, "payment refused: " + detail(r), "payment_refused", null);
    }

    private Outcome confirmReservation(State s) {
        ServiceCalls.Reply r = calls.inventory(HttpMethod.POST,
                "/api/v1/inventory/reservations/" + s.orderId() + "/confirm", null);
        if (r.ok()) {
            return new Advance(Step.CAPTURE_PAYMENT, null, null);
        }
        if (retryable(r)) {   // never given up: the confirm may have gone through unanswered
            return new Retry("confirm reservation: " + r.status(), false, null);
        }
        return new Compensate(Step.VOID_PAYMENT, "the stock reservation lapsed: " + detail(r), "reservation_lost", null);
    }

    private Outcome capture(State s) {
        ServiceCalls.Reply r = calls.payment(HttpMethod.POST, "/api/v1/payments/" + s.paymentId() + "/capture", null,
                Map.of());
        if (r.ok()) {
            return new Advance(Step.CONFIRM_ORDER, null, null);
        }
        if (retryable(r)) {
            return new Retry("capture: " + r.status(), false, null);
        }
        return new Broken("capture refused after the stock was consumed: " + r.status() + " " + detail(r));
    }

    private Outcome voidPayment(State s) {
        List<UUID> payments = new ArrayList<>();
        if (s.paymentId() != null) {
            payments.add(s.paymentId());
        } else {
            // An authorize that got no answer may still have made a payment: find it by the order.
            ServiceCalls.Reply found = calls.payment(HttpMethod.GET, "/api/v1/payments?orderId=" + s.orderId(), null,
                    Map.of());
            if (!found.ok() && found.status() != 404) {
                return new Retry("find payments: " + found.status(), false, null);
            }
            JsonNode list = found.body().isArray() ? found.body() : found.body().path("items");
            list.forEach(p -> payments.add(UUID.fromString(p.path("id").asText())));
        }
        for (UUID payment : payments) {
            ServiceCalls.Reply r = calls.payment(HttpMethod.POST, "/api/v1/payments/" + payment + "/void", null,
                    Map.of());
            if (retryable(r)) {
                return new Retry("void: " + r.status(), false, null);
            }
            // 409: nothing to void (declined, or already voided); 404: no such payment.
        }
        return new Advance(Step.RELEASE_STOCK, null, null);
    }

    private Outcome release(State s) {
        ServiceCalls.Reply r = calls.inventory(HttpMethod.POST,
                "/api/v1/inventory/reservations/" + s.orderId() + "/release", null);
        if (r.ok() || r.status() == 404) {   // 404: nothing was reserved
            return new Advance(Step.CANCEL_ORDER, null, null);
        }
        if (retryable(r)) {
            return new Retry("release: " + r.status(), false, null);
        }
        return new Broken("release refused: " + r.status() + " " + detail(r));
    }

    /** The last step either way, in one transaction: the order's new status, its events, the saga done. */
    private Outcome finish(State s, String orderStatus, String sagaStatus) {
        tx.executeWithoutResult(status -> {
            int mine = jdbc.update("UPDATE orders.checkout_sagas SET status = ?, step = 'DONE', card_token = NULL,"
                    + " version = version + 1, updated_at = now() WHERE id = ? AND version = ?", sagaStatus, s.id(),
                    s.version());
            if (mine == 0) {
                return;   // another runner took the saga over and finishes it
            }
            String reason = jdbc.queryForObject("UPDATE orders.orders SET status = ?, version = version + 1,"
                    + " updated_at = now() WHERE order_id = ? AND created_at = ? RETURNING cancel_reason", String.class,
                    orderStatus, s.orderId(), s.orderCreatedAt());
            String key = Long.toString(s.orderId());
            if (orderStatus.equals("CONFIRMED")) {
                List<OrderPlaced.Line> lines = jdbc.query("SELECT product_id, sku, quantity, unit_price FROM"
                        + " orders.order_items WHERE order_id = ? AND order_created_at = ? ORDER BY line_no",
                        (rs, i) -> new OrderPlaced.Line(rs.getLong(1), rs.getString(2), rs.getLong(3),
                                rs.getBigDecimal(4)), s.orderId(), s.orderCreatedAt());
                outbox.append(OrderPlaced.AGGREGATE, key, OrderPlaced.TYPE, new OrderPlaced(s.orderId(),
                        s.userId().toString(), lines, s.total(), s.currency().trim()));
                // Placed is the shopper's "paid and confirmed", not the checkout's request (that is CHECKOUTS):
                // counted here, where exactly one runner's version check wins, and only once its commit holds.
                AfterCommit.run(ordersPlaced::increment);
            }
            outbox.append(OrderPlaced.AGGREGATE, key, OrderStatusChanged.TYPE,
                    new OrderStatusChanged(s.orderId(), s.userId().toString(), orderStatus, reason));
        });
        return new Finished();
    }

    /** Writes the outcome of an attempt (if this runner still holds the saga) and returns the saga to go on with. */
    private State record(State s, Outcome outcome) {
        if (outcome instanceof Advance a) {
            return save(s, s.status(), a.next(), orElse(a.reservationId(), s.reservationId()),
                    orElse(a.paymentId(), s.paymentId()), 0, pace.lease(), null);
        }
        if (outcome instanceof Compensate c) {
            return compensate(s, c.from(), c.reason(), c.kind(), orElse(c.paymentId(), s.paymentId()));
        }
        if (outcome instanceof Retry r) {
            UUID payment = orElse(r.paymentId(), s.paymentId());
            if (r.mayGiveUp() && s.forward()
                    && Duration.between(s.startedAt(), Instant.now()).compareTo(pace.giveUpAfter()) > 0) {
                return compensate(s, Step.VOID_PAYMENT, "not completed in time: " + r.error(), "gave_up", payment);
            }
            log.info("checkout saga of order {}: {} to be tried again ({})", s.orderId(), s.step(), r.error());
            save(s, s.status(), s.step(), s.reservationId(), payment, s.attempts() + 1, backoff(s.attempts()),
                    r.error());
            return null;   // the job takes it up when it is due
        }
        if (outcome instanceof Broken b) {
            log.error("checkout saga of order {} FAILED at {}: {}", s.orderId(), s.step(), b.error());
            save(s, "FAILED", s.step(), s.reservationId(), s.paymentId(), s.attempts(), Duration.ZERO, b.error());
        }
        return null;   // finished
    }

    private State compensate(State s, Step from, String reason, String kind, UUID paymentId) {
        Counter.builder("shop_order_saga_compensations").tag("reason", kind)
                .description("checkouts compensated (stock released, payment voided, order cancelled), by cause")
                .register(meters).increment();
        return tx.execute(status -> {
            State next = save(s, "COMPENSATING", from, s.reservationId(), paymentId, 0, pace.lease(), reason);
            if (next != null) {
                jdbc.update("UPDATE orders.orders SET cancel_reason = ? WHERE order_id = ? AND created_at = ?",
                        reason, s.orderId(), s.orderCreatedAt());
            }
            return next;
        });
    }

    /** The transition, if the row is still as this runner read it; null when another runner holds the saga now. */
    private State save(State s, String status, Step step, UUID reservationId, UUID paymentId, int attempts,
                       Duration nextIn, String error) {
        int updated = jdbc.update("UPDATE orders.checkout_sagas SET status = ?, step = ?, reservation_id = ?,"
                + " payment_id = ?, attempts = ?, next_attempt_at = now() + make_interval(secs => ?), last_error = ?,"
                + " version = version + 1, updated_at = now() WHERE id = ? AND version = ?", status, step.name(),
                reservationId, paymentId, attempts, seconds(nextIn), error, s.id(), s.version());
        if (updated == 0) {
            log.info("checkout saga of order {} is run by another replica now", s.orderId());
            return null;
        }
        return new State(s.id(), s.orderId(), s.orderCreatedAt(), s.userId(), s.total(), s.currency(), status, step,
                reservationId, paymentId, s.cardToken(), attempts, s.startedAt(), s.version() + 1);
    }

    /** Doubling from the first retry's wait up to the longest. */
    private Duration backoff(int attempts) {
        Duration wait = pace.firstRetry().multipliedBy(1L << Math.min(attempts, 20));
        return wait.compareTo(pace.longestRetry()) > 0 ? pace.longestRetry() : wait;
    }

    /** Worth asking again: the callee is busy or failing over, or refused our token (a rotation, not the order). */
    private static boolean retryable(ServiceCalls.Reply r) {
        return r.transientFailure() || r.status() == 401 || r.status() == 403;
    }

    private static String detail(ServiceCalls.Reply r) {
        String detail = r.text("detail");
        return detail != null ? detail : "HTTP " + r.status();
    }

    private static <T> T orElse(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private State row(ResultSet rs, int i) throws SQLException {
        return new State(rs.getObject(1, UUID.class), rs.getLong(2), rs.getTimestamp(3), rs.getObject(4, UUID.class),
                rs.getBigDecimal(5), rs.getString(6), rs.getString(7), Step.valueOf(rs.getString(8)),
                rs.getObject(9, UUID.class), rs.getObject(10, UUID.class), rs.getString(11), rs.getInt(12),
                rs.getTimestamp(13).toInstant(), rs.getLong(14));
    }
}
