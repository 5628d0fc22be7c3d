package io.shopplatform.inventory.stock;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit: every SKU's on hand and reserved rebuilt from the append-only {@code stock_events} and compared with
 * the stock table. One statement, so both sides come from one snapshot.
 */
@Component
public class Ledger {

    /** A SKU whose table row and ledger disagree. */
    public record Discrepancy(String sku, int onHand, int reserved, long ledgerOnHand, long ledgerReserved) {}

    private static final String COMPARE = """
            SELECT s.sku, s.quantity_on_hand, s.quantity_reserved, coalesce(e.on_hand, 0), coalesce(e.reserved, 0)
            FROM inventory.stock s
            LEFT JOIN (SELECT sku, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved
                       FROM inventory.stock_events GROUP BY sku) e ON e.sku = s.sku
            WHERE s.quantity_on_hand <> coalesce(e.on_hand, 0) OR s.quantity_reserved <> coalesce(e.reserved, 0)
            ORDER BY s.sku""";

    private final JdbcTemplate jdbc;

    Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Discrepancy> discrepancies() {
        return jdbc.query(COMPARE, (rs, i) -> new Discrepancy(rs.getString(1), rs.getInt(2), rs.getInt(3),
                rs.getLong(4), rs.getLong(5)));
    }
}
