package io.shopplatform.inventory.reservation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.inventory.InventoryProperties;
import io.shopplatform.inventory.stock.Conflicts;
import io.shopplatform.inventory.stock.Movement;
import io.shopplatform.inventory.stock.NotEnoughStockException;
import io.shopplatform.inventory.stock.StockBook;
import io.shopplatform.model.BusinessMetric;
import io.shopplatform.service.db.AfterCommit;
import io.shopplatform.service.problem.InvalidInputException;
import io.shopplatform.service.problem.NotFoundException;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.problem.FieldProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Reservations for orders: reserve (idempotent per order), confirm (the units leave on hand), release
 * (compensation), and expiry of those nobody confirmed in time. Each runs in one transaction with its stock changes
 * and their ledger rows, retried on a lost race ({@link Conflicts}); the reservation row is locked
 * ({@code FOR UPDATE}) so confirm, release and the sweeper never act on one reservation at once. SKUs are changed in
 * SKU order, so two reservations of the same SKUs cannot deadlock.
 */
@Service
public class Reservations {

    /** A reserve, and whether it made the reservation (false: a retry found the one it made before). */
    public record Reserved(Reservation reservation, boolean created) {}

    private static final String SELECT = "SELECT id, order_id, status, expires_at FROM inventory.reservations";

    private final JdbcTemplate jdbc;
    private final StockBook book;
    private final Conflicts conflicts;
    private final InventoryProperties props;
    private final ReadYourWrites fence;
    private final Counter expired, unitsSold;

    Reservations(JdbcTemplate jdbc, StockBook book, Conflicts conflicts, InventoryProperties props,
                 ReadYourWrites fence, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.fence = fence;
        this.book = book;
        this.conflicts = conflicts;
        this.props = props;
        this.expired = Counter.builder("shop_inventory_reservations_expired_total")
                .description("reservations released because nobody confirmed them in time").register(meters);
        this.unitsSold = Counter.builder(BusinessMetric.UNITS_SOLD.name())
                .description(BusinessMetric.UNITS_SOLD.description()).register(meters);
    }

    public Reserved reserve(ReservationRequest request) {
        long hold = request.holdSeconds() != null ? request.holdSeconds() : props.reservationHold().toSeconds();
        if (hold > props.longestHold().toSeconds()) {
            throw new InvalidInputException("holdSeconds", "must be at most " + props.longestHold().toSeconds());
        }
        Map<String, Integer> wanted = new HashMap<>();
        for (int i = 0; i < request.items().size(); i++) {
            if (wanted.put(request.items().get(i).sku(), request.items().get(i).quantity()) != null) {
                throw new InvalidInputException("items[" + i + "].sku", "appears more than once");
            }
        }
        return conflicts.inTransaction(status -> {
            Optional<Reservation> existing = lockByOrder(request.orderId());
            if (existing.isPresent()) {
                return new Reserved(sameItems(existing.get(), wanted), false);
            }
            List<UUID> made = jdbc.queryForList("INSERT INTO inventory.reservations (order_id, expires_at)"
                    + " VALUES (?, now() + make_interval(secs => ?)) ON CONFLICT (order_id) DO NOTHING RETURNING id",
                    UUID.class, request.orderId(), hold);
            if (made.isEmpty()) {   // a twin request for the same order committed while this one waited on it
                return new Reserved(sameItems(lockByOrder(request.orderId()).orElseThrow(), wanted), false);
            }
            UUID id = made.get(0);
            List<Integer> bySku = new ArrayList<>();
            for (int i = 0; i < request.items().size(); i++) {
                bySku.add(i);
            }
            bySku.sort(Comparator.comparing(i -> request.items().get(i).sku()));
            for (int i : bySku) {
                ReservationRequest.Item item = request.items().get(i);
                try {
                    book.move(item.sku(), Movement.RESERVED, 0, item.quantity(), id, "order " + request.orderId());
                } catch (StockBook.NoSuchSku e) {
                    throw new InvalidInputException("items[" + i + "].sku", "has no stock");
                } catch (StockBook.NotEnough e) {
                    throw new NotEnoughStockException("items[" + i + "].quantity", "is more than the "
                            + e.available() + " available");
                }
                jdbc.update("INSERT INTO inventory.reservation_items (reservation_id, sku, quantity) VALUES (?, ?, ?)",
                        id, item.sku(), item.quantity());
            }
            return new Reserved(lockByOrder(request.orderId()).orElseThrow(), true);
        });
    }

    /** The order's reservation, from a node that has every write its caller or this instance must see. */
    public Reservation get(long orderId) {
        return fence.read(() -> jdbc.query(SELECT + " WHERE order_id = ?", this::row, orderId).stream().findFirst())
                .orElseThrow(() -> new NotFoundException("reservation of order", orderId));
    }

    /** The order is paid: its units leave on hand. Confirming again answers the same. */
    public Reservation confirm(long orderId) {
        return conflicts.inTransaction(status -> {
            Reservation r = lockByOrder(orderId).orElseThrow(() -> new NotFoundException("reservation of order", orderId));
            if (r.status() == Reservation.Status.COMMITTED) {
                return r;
            }
            if (r.status() != Reservation.Status.ACTIVE || !r.expiresAt().isAfter(databaseNow())) {
                throw closed(r, "cannot be confirmed");
            }
            Reservation committed = close(r, Movement.COMMITTED, Reservation.Status.COMMITTED);
            // Sold once: a repeated confirm returned above; an attempt lost to a conflict rolls back and never runs it.
            int units = r.items().stream().mapToInt(Reservation.Item::quantity).sum();
            AfterCommit.run(() -> unitsSold.increment(units));
            return committed;
        });
    }

    /** The order failed or was cancelled: its units are available again. Releasing again answers the same. */
    public Reservation release(long orderId) {
        return conflicts.inTransaction(status -> {
            Reservation r = lockByOrder(orderId).orElseThrow(() -> new NotFoundException("reservation of order", orderId));
            return switch (r.status()) {
                case ACTIVE -> close(r, Movement.RELEASED, Reservation.Status.RELEASED);
                case RELEASED, EXPIRED -> r;
                case COMMITTED -> throw closed(r, "cannot be released");
            };
        });
    }

    /**
     * Expires due reservations, one transaction each, up to the configured batch. Safe on every replica at once:
     * each takes the next due reservation nobody else holds ({@code FOR UPDATE SKIP LOCKED}).
     *
     * @return how many this call expired
     */
    public int expireDue() {
        int done = 0;
        while (done < props.expiry().batch() && conflicts.inTransaction(status -> {
            List<Reservation> due = jdbc.query("/*NO LOAD BALANCE*/ " + SELECT + " WHERE status = 'ACTIVE'"
                    + " AND expires_at <= now() ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED", this::row);
            due.forEach(r -> close(r, Movement.EXPIRED, Reservation.Status.EXPIRED));
            return !due.isEmpty();
        })) {
            done++;
            expired.increment();
        }
        return done;
    }

    private Reservation close(Reservation r, Movement movement, Reservation.Status to) {
        int onHand = movement == Movement.COMMITTED ? -1 : 0;
        for (Reservation.Item item : r.items()) {
            book.move(item.sku(), movement, onHand * item.quantity(), -item.quantity(), r.id(),
                    "order " + r.orderId());
        }
        jdbc.update("UPDATE inventory.reservations SET status = ?, version = version + 1, updated_at = now()"
                + " WHERE id = ?", to.name(), r.id());
        return new Reservation(r.id(), r.orderId(), to, r.expiresAt(), r.items());
    }

    /** The order's reservation, locked for this transaction (on the primary, so never a standby's older view). */
    private Optional<Reservation> lockByOrder(long orderId) {
        return jdbc.query(SELECT + " WHERE order_id = ? FOR UPDATE", this::row, orderId).stream().findFirst();
    }

    private Reservation row(ResultSet rs, int i) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        // On the primary: a standby that has not replayed a new reservation's items would make expiry release nothing.
        List<Reservation.Item> items = jdbc.query("/*NO LOAD BALANCE*/ SELECT sku, quantity FROM"
                + " inventory.reservation_items WHERE reservation_id = ? ORDER BY sku",
                (item, j) -> new Reservation.Item(item.getString(1), item.getInt(2)), id);
        return new Reservation(id, rs.getLong(2), Reservation.Status.valueOf(rs.getString(3)),
                rs.getTimestamp(4).toInstant(), items);
    }

    /** The database's clock, which set {@code expires_at}: replicas' clocks may differ from it. */
    private Instant databaseNow() {
        return jdbc.queryForObject("/*NO LOAD BALANCE*/ SELECT now()", Timestamp.class).toInstant();
    }

    private static Reservation sameItems(Reservation existing, Map<String, Integer> wanted) {
        Map<String, Integer> held = new HashMap<>();
        existing.items().forEach(i -> held.put(i.sku(), i.quantity()));
        if (!held.equals(wanted)) {
            throw new FieldProblemException(HttpStatus.CONFLICT, "Reservation exists", "items",
                    "differ from the reservation order " + existing.orderId() + " already holds");
        }
        return existing;
    }

    private static ErrorResponseException closed(Reservation r, String what) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the reservation of order "
                + r.orderId() + " is " + (r.status() == Reservation.Status.ACTIVE ? "past its expiry" : r.status())
                + " and " + what);
        p.setTitle("Reservation closed");
        p.setProperty("status", r.status());
        return new ErrorResponseException(HttpStatus.CONFLICT, p, null);
    }
}
