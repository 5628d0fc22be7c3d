package io.shopplatform.order.history;

import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.problem.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Orders as their owners read them: from the standbys, through the read-your-writes fence (a checkout's response
 * carries {@code Shop-Version}; a read sending it back sees that order on any instance). Another user's order is
 * "not found", never "forbidden": its existence is not theirs to learn.
 */
@Service
public class Orders {

    private static final String SELECT = "SELECT order_id, status, cancel_reason, currency, subtotal, total,"
            + " created_at, updated_at FROM orders.orders";

    private final JdbcTemplate jdbc;
    private final ReadYourWrites fence;

    Orders(JdbcTemplate jdbc, ReadYourWrites fence) {
        this.jdbc = jdbc;
        this.fence = fence;
    }

    /** The owner's order {@code orderId}. */
    public OrderView get(UUID userId, long orderId) {
        return fence.read(() -> find(userId, orderId));
    }

    /** The owner's order, read here and now (inside the caller's transaction, or wherever it runs). */
    public OrderView find(UUID userId, long orderId) {
        List<OrderView> found = jdbc.query(SELECT + " WHERE order_id = ? AND user_id = ?", this::row, orderId, userId);
        if (found.isEmpty()) {
            throw new NotFoundException("order", orderId);
        }
        return withItems(found).get(0);
    }

    /** The owner's orders, newest first, a page at a time. */
    public List<OrderView> list(UUID userId, int page, int size) {
        return fence.read(() -> withItems(jdbc.query(SELECT + " WHERE user_id = ? ORDER BY created_at DESC,"
                + " order_id DESC LIMIT ? OFFSET ?", this::row, userId, size, (long) page * size)));
    }

    private List<OrderView> withItems(List<OrderView> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        Long[] ids = orders.stream().map(OrderView::id).toArray(Long[]::new);
        Map<Long, List<OrderView.Item>> items = jdbc.query("SELECT order_id, line_no, product_id, sku, name,"
                        + " unit_price, quantity FROM orders.order_items WHERE order_id = ANY(?) ORDER BY order_id, line_no",
                (rs, i) -> Map.entry(rs.getLong(1), new OrderView.Item(rs.getInt(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6), rs.getInt(7))), (Object) ids)
                .stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return orders.stream().map(o -> new OrderView(o.id(), o.status(), o.cancelReason(), o.currency(),
                o.subtotal(), o.total(), items.getOrDefault(o.id(), List.of()), o.createdAt(), o.updatedAt())).toList();
    }

    private OrderView row(ResultSet rs, int i) throws SQLException {
        return new OrderView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).trim(),
                rs.getBigDecimal(5), rs.getBigDecimal(6), List.of(), rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8).toInstant());
    }
}
