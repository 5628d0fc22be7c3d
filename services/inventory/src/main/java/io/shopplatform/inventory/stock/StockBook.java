package io.shopplatform.inventory.stock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.service.contracts.StockChanged;
import io.shopplatform.service.contracts.StockLow;
import io.shopplatform.service.outbox.Outbox;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way a SKU's quantities change. In the caller's transaction: read the row and its version, check the new
 * quantities, write them only if the version is still the one read (optimistic locking; a lost race throws
 * {@link OptimisticLockingFailureException} and {@link Conflicts} runs the whole transaction again), append the
 * ledger row, and put the {@code changed} (and, on crossing the threshold, {@code low}) event in the outbox. So the
 * table, the ledger and the events commit together or not at all.
 */
@Component
public class StockBook {

    /** The SKU has no stock row (nothing was ever received for it). */
    public static final class NoSuchSku extends RuntimeException {
        NoSuchSku(String sku) {
            super("no stock for SKU " + sku, null, false, false);
        }
    }

    /** The change would take reserved above on hand, either below zero, or on hand past the column's range. */
    public static final class NotEnough extends RuntimeException {
        private final int available;

        NotEnough(int available) {
            super("not enough stock", null, false, false);
            this.available = available;
        }

        public int available() {
            return available;
        }
    }

    private record Row(int onHand, int reserved, int threshold, long version) {
        int available() {
            return onHand - reserved;
        }
    }

    // Reads that decide a write go to the primary: a standby's older version would only lose the race again.
    private static final String READ = "/*NO LOAD BALANCE*/ SELECT quantity_on_hand, quantity_reserved,"
            + " low_stock_threshold, version FROM inventory.stock WHERE sku = ?";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Counter lowStock;

    StockBook(JdbcTemplate jdbc, Outbox outbox, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.lowStock = Counter.builder("shop_inventory_low_stock_total")
                .description("SKUs whose available stock fell to or below their threshold").register(meters);
    }

    /**
     * Moves {@code sku}'s quantities by the deltas; must run inside a transaction.
     *
     * @throws NoSuchSku  when the SKU has no stock row
     * @throws NotEnough  when the result would break {@code 0 <= reserved <= on hand}
     * @throws OptimisticLockingFailureException when another change of the SKU committed since the read
     */
    public void move(String sku, Movement movement, int onHandDelta, int reservedDelta, UUID reservation,
                     String reason) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a stock change must run in the transaction of its ledger row");
        }
        List<Row> rows = jdbc.query(READ, (rs, i) -> new Row(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)),
                sku);
        if (rows.isEmpty()) {
            throw new NoSuchSku(sku);
        }
        Row before = rows.get(0);
        long newOnHand = (long) before.onHand() + onHandDelta, newReserved = (long) before.reserved() + reservedDelta;
        if (newOnHand < 0 || newReserved < 0 || newReserved > newOnHand || newOnHand > Integer.MAX_VALUE) {
            throw new NotEnough(before.available());
        }
        int onHand = (int) newOnHand, reserved = (int) newReserved;
        int updated = jdbc.update("UPDATE inventory.stock SET quantity_on_hand = ?, quantity_reserved = ?,"
                + " version = version + 1, updated_at = now() WHERE sku = ? AND version = ?",
                onHand, reserved, sku, before.version());
        if (updated == 0) {
            throw new OptimisticLockingFailureException("stock of " + sku + " changed since version "
                    + before.version());
        }
        jdbc.update("INSERT INTO inventory.stock_events (sku, event_type, on_hand_delta, reserved_delta,"
                + " reservation_id, reason) VALUES (?, ?, ?, ?, ?, ?)",
                sku, movement.name(), onHandDelta, reservedDelta, reservation, reason);
        int available = onHand - reserved;
        if (available != before.available()) {
            outbox.append(StockChanged.AGGREGATE, sku, StockChanged.TYPE, new StockChanged(sku, available));
        }
        if (before.available() > before.threshold() && available <= before.threshold()) {
            outbox.append(StockChanged.AGGREGATE, sku, StockLow.TYPE, new StockLow(sku, available, before.threshold()));
            lowStock.increment();
        }
    }

    /** Makes the SKU's stock row (all zeros) if it has none; inside the transaction that then receives goods. */
    void open(String sku) {
        jdbc.update("INSERT INTO inventory.stock (sku) VALUES (?) ON CONFLICT (sku) DO NOTHING", sku);
    }
}
