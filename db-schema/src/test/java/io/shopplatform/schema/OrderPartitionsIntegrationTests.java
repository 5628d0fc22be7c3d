package io.shopplatform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Shop;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Orders and their items are partitioned by UTC month; these run as the order service's role. */
class OrderPartitionsIntegrationTests {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("'_'yyyy_MM");

    @Test
    void orderDatedInAFutureMonthLandsInThatMonthsPartitionWithItsItems() throws SQLException {
        OffsetDateTime inThreeMonths = thisMonth().plusMonths(3).plusDays(14);
        try (Session order = Session.as(Shop.ORDER)) {
            long id = placeOrder(order, inThreeMonths);

            assertThat(partitionOf(order, id)).isEqualTo("orders" + MONTH.format(inThreeMonths));
            assertThat(order.one("SELECT tableoid::regclass FROM order_items WHERE order_id = ?", id))
                    .isEqualTo("order_items" + MONTH.format(inThreeMonths));
        }
    }

    @Test
    void orderBeyondEveryPartitionLandsInTheDefaultPartition() throws SQLException {
        try (Session order = Session.as(Shop.ORDER)) {
            long id = placeOrder(order, OffsetDateTime.of(2999, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC));

            assertThat(partitionOf(order, id)).isEqualTo("orders_default");
        }
    }

    @Test
    void creatingPartitionsTwiceCreatesNothingTheSecondTime() throws SQLException {
        try (Session order = Session.as(Shop.ORDER)) {
            order.one("SELECT orders.create_partitions(12)");

            assertThat(order.one("SELECT orders.create_partitions(12)")).isEqualTo("0");
            for (int m = 0; m <= 12; m++) {
                String partition = "orders.orders" + MONTH.format(thisMonth().plusMonths(m));
                assertThat(order.one("SELECT to_regclass(?) IS NOT NULL", partition)).as(partition).isEqualTo("t");
            }
        }
    }

    @Test
    void creatingAMonthsPartitionMovesItsOrdersOutOfTheDefaultPartition() throws SQLException {
        try (Session order = Session.as(Shop.ORDER)) {
            int monthsAhead = 1;
            while (order.one("SELECT to_regclass(?) IS NULL",
                    "orders.orders" + MONTH.format(thisMonth().plusMonths(monthsAhead))).equals("f")) {
                monthsAhead++;
            }
            OffsetDateTime unpartitioned = thisMonth().plusMonths(monthsAhead).plusDays(2);
            long id = placeOrder(order, unpartitioned);
            assertThat(partitionOf(order, id)).isEqualTo("orders_default");

            assertThat(Integer.parseInt(order.one("SELECT orders.create_partitions(?)", monthsAhead)))
                    .isGreaterThanOrEqualTo(2);
            assertThat(partitionOf(order, id)).isEqualTo("orders" + MONTH.format(unpartitioned));
            assertThat(order.one("SELECT tableoid::regclass FROM order_items WHERE order_id = ?", id))
                    .isEqualTo("order_items" + MONTH.format(unpartitioned));
            assertThat(order.one("SELECT count(*) FROM order_requests WHERE order_id = ?", id)).isEqualTo("1");
        }
    }

    private static OffsetDateTime thisMonth() {
        return OffsetDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
    }

    /** An order with one item, placed under an idempotency key as the order service does. */
    private static long placeOrder(Session order, OffsetDateTime createdAt) throws SQLException {
        UUID user = UUID.randomUUID();
        long id = Long.parseLong(order.one("INSERT INTO orders (user_id, currency, subtotal, total, "
                + "shipping_address, created_at) VALUES (?, 'USD', 20.00, 20.00, '{\"city\": \"Oslo\"}', ?) "
                + "RETURNING order_id", user, createdAt));
        order.update("INSERT INTO order_items (order_id, order_created_at, line_no, product_id, sku, name, "
                + "unit_price, quantity) VALUES (?, ?, 1, 1, 'SKU-1', 'Mug', 10.00, 2)", id, createdAt);
        order.update("INSERT INTO order_requests (user_id, idempotency_key, request_hash, order_id, order_created_at) "
                + "VALUES (?, 'checkout-1', '\\x00', ?, ?)", user, id, createdAt);
        return id;
    }

    private static String partitionOf(Session order, long id) throws SQLException {
        return order.one("SELECT tableoid::regclass FROM orders WHERE order_id = ?", id);
    }
}
