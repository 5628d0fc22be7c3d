package io.shopplatform.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every bad request is a 4xx problem naming the field, and leaves the stock, the ledger and the outbox as they were. */
@InventoryIntegrationTest
class BadInputIntegrationTests {

    /**
     * An order id no other test's checkout uses: the tests' database outlives a run, and order 1 (say) may hold a
     * real reservation there, which would answer 409 where an empty one answers 400.
     */
    private static final long ORDER_ID = 1_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    static String sku;

    @BeforeEach
    void stock() {
        if (sku == null) {
            sku = new Api(port).stocked(5);
        }
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": -1}]}", 400, "items[0].quantity"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": 0}]}", 400, "items[0].quantity"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": 1000000}]}", 400, "items[0].quantity"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": 99999999999}]}", 400, "items[0].quantity"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": \"two\"}]}", 400, "items[0].quantity"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": 6}]}", 409, "items[0].quantity"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": 1}, {\"sku\": \"NO-SUCH-SKU-X\","
                        + " \"quantity\": 1}]}", 400, "items[1].sku"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": 1}, {\"sku\": \"%1$s\","
                        + " \"quantity\": 1}]}", 400, "items[1].sku"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"not a sku %s\", \"quantity\": 1}]}", 400, "items[0].sku"),
                reserve("{\"orderId\": -4, \"items\": [{\"sku\": \"%s\", \"quantity\": 1}]}", 400, "orderId"),
                reserve("{\"items\": [{\"sku\": \"%s\", \"quantity\": 1}]}", 400, "orderId"),
                reserve("{\"orderId\": %2$d, \"items\": []}", 400, "items"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": 1}], \"holdSeconds\": 0}", 400, "holdSeconds"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": 1}], \"holdSeconds\": 86400}", 400, "holdSeconds"),
                reserve("{\"orderId\": %2$d, \"items\": [{\"sku\": \"%s\", \"quantity\": 1}], \"surprise\": 1}", 400, "surprise"),
                reserve("[1, 2]", 400, "body"),
                reserve("{\"orderId\": ", 400, "body"),
                Arguments.of("POST", "/api/v1/inventory/stock/%s/receipts", "{\"quantity\": -3}", 400, "quantity"),
                Arguments.of("POST", "/api/v1/inventory/stock/%s/receipts", "{\"quantity\": 2000000}", 400, "quantity"),
                Arguments.of("POST", "/api/v1/inventory/stock/lower-case/receipts", "{\"quantity\": 1}", 400, "sku"),
                Arguments.of("POST", "/api/v1/inventory/stock/%s/adjustments", "{\"delta\": -6, \"reason\": \"count\"}", 409, "delta"),
                Arguments.of("POST", "/api/v1/inventory/stock/%s/adjustments", "{\"delta\": 0, \"reason\": \"count\"}", 400, "delta"),
                Arguments.of("POST", "/api/v1/inventory/stock/%s/adjustments", "{\"delta\": -1}", 400, "reason"),
                Arguments.of("PUT", "/api/v1/inventory/stock/%s/threshold", "{\"lowStockThreshold\": -1}", 400, "lowStockThreshold"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} naming {4}")
    @MethodSource("badRequests")
    void aBadRequestIsAProblemNamingTheFieldAndChangesNothing(String method, String path, String body, int status,
                                                              String field) {
        Api api = new Api(port);
        Map<String, Object> before = state();
        String token = path.contains("reservations") ? Api.ORDER_SERVICE : Api.ADMIN;
        String json = body.formatted(sku, ORDER_ID);
        Api.Response r = method.equals("PUT") ? api.put(path.formatted(sku), json, token)
                : api.post(path.formatted(sku), json, token);

        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.<List<String>>json("$.errors[*].field")).contains(field);
        assertThat(state()).as("stock, ledger, reservations and outbox unchanged").isEqualTo(before);
    }

    private Map<String, Object> state() {
        return jdbc.queryForMap("/*NO LOAD BALANCE*/ SELECT"
                + " (SELECT quantity_on_hand || '/' || quantity_reserved || '/' || version FROM inventory.stock WHERE sku = ?) AS stock,"
                + " (SELECT count(*) FROM inventory.stock_events WHERE sku = ?) AS ledger,"
                + " (SELECT count(*) FROM inventory.reservations WHERE order_id = ?) AS reservations,"
                + " (SELECT count(*) FROM inventory.outbox WHERE aggregate_id = ?) AS events", sku, sku, ORDER_ID, sku);
    }

    private static Arguments reserve(String body, int status, String field) {
        return Arguments.of("POST", "/api/v1/inventory/reservations", body, status, field);
    }
}
