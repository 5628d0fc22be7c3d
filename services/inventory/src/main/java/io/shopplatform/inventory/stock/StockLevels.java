package io.shopplatform.inventory.stock;

import io.shopplatform.service.contracts.StockChanged;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.problem.InvalidInputException;
import io.shopplatform.service.problem.NotFoundException;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The admin's side of stock (receive, adjust, threshold) and everyone's read of it. */
@Service
public class StockLevels {

    private static final String SELECT = "SELECT s.sku, s.quantity_on_hand, s.quantity_reserved,"
            + " s.low_stock_threshold, s.version, coalesce(v.version, 0), s.updated_at FROM inventory.stock s"
            + " LEFT JOIN inventory.aggregate_versions v ON v.aggregate_type = '" + StockChanged.AGGREGATE + "'"
            + " AND v.aggregate_id = s.sku WHERE s.sku = ?";

    private final JdbcTemplate jdbc;
    private final StockBook book;
    private final Conflicts conflicts;
    private final ReadYourWrites fence;

    StockLevels(JdbcTemplate jdbc, StockBook book, Conflicts conflicts, ReadYourWrites fence) {
        this.jdbc = jdbc;
        this.book = book;
        this.conflicts = conflicts;
        this.fence = fence;
    }

    /** A SKU's stock, from a node that has every write this client or instance must see. */
    public Optional<StockLevel> find(String sku) {
        return fence.read(() -> jdbc.query(SELECT, (rs, i) -> new StockLevel(rs.getString(1), rs.getInt(2),
                rs.getInt(3), rs.getInt(2) - rs.getInt(3), rs.getInt(4), rs.getLong(5), rs.getLong(6),
                rs.getTimestamp(7).toInstant()), sku).stream().findFirst());
    }

    public StockLevel get(String sku) {
        return find(sku).orElseThrow(() -> new NotFoundException("stock of SKU", sku));
    }

    /** Goods arrived; the first receipt of a SKU opens its stock. */
    public StockLevel receive(String sku, int quantity, String reason) {
        try {
            conflicts.inTransaction(status -> {
                book.open(sku);
                book.move(sku, Movement.RECEIVED, quantity, 0, null, reason);
                return null;
            });
        } catch (StockBook.NotEnough e) {
            throw new InvalidInputException("quantity", "would take on hand past what one SKU can hold");
        }
        return get(sku);
    }

    /** A recount or write-off: on hand moves by {@code delta}, never below what orders hold. */
    public StockLevel adjust(String sku, int delta, String reason) {
        try {
            conflicts.inTransaction(status -> {
                book.move(sku, Movement.ADJUSTED, delta, 0, null, reason);
                return null;
            });
        } catch (StockBook.NoSuchSku e) {
            throw new NotFoundException("stock of SKU", sku);
        } catch (StockBook.NotEnough e) {
            throw new NotEnoughStockException("delta", "would take on hand below what is reserved ("
                    + e.available() + " available)");
        }
        return get(sku);
    }

    /** Below or at this many available units the SKU is low (one {@code low} event per crossing). */
    public StockLevel threshold(String sku, int threshold) {
        int updated = conflicts.inTransaction(status -> jdbc.update("UPDATE inventory.stock SET"
                + " low_stock_threshold = ?, version = version + 1, updated_at = now() WHERE sku = ?", threshold, sku));
        if (updated == 0) {
            throw new NotFoundException("stock of SKU", sku);
        }
        return get(sku);
    }
}
