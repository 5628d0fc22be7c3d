package io.shopplatform.inventory;

import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.TestTokens;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The inventory API as an admin, the order service and a shopper call it. */
public final class Api extends JsonHttp {

    public static final String ADMIN = TestTokens.shared().token("admin", "ADMIN");
    public static final String ORDER_SERVICE = TestTokens.shared().token("order", "ORDER_SERVICE");
    public static final String SHOPPER = TestTokens.shared().token("shopper", "CUSTOMER");

    /** Order ids of this run: far from any other run's on the shared tier. */
    private static final AtomicLong orders = new AtomicLong(System.currentTimeMillis() * 1000);

    public Api(int port) {
        super(port);
    }

    /** A SKU with {@code units} received, as an admin does it. */
    public String stocked(int units) {
        String sku = uniqueSku();
        Response r = post("/api/v1/inventory/stock/" + sku + "/receipts", "{\"quantity\": " + units + "}", ADMIN);
        if (r.status() != 200) {
            throw new AssertionError("receipt failed: " + r.status() + " " + r.body());
        }
        return sku;
    }

    public Response reserve(long orderId, String sku, int quantity) {
        return post("/api/v1/inventory/reservations", reservation(orderId, sku, quantity, null), ORDER_SERVICE);
    }

    /**
     * As the order service reserves: a busy answer (503, no database connection in time on a loaded machine) is
     * retried after its Retry-After with the same order id, which the idempotent reserve makes safe.
     */
    public Response reserveRetryingWhileBusy(long orderId, String sku, int quantity) {
        return retryingWhileBusy(20, () -> reserve(orderId, sku, quantity));
    }

    public Response stock(String sku) {
        return get("/api/v1/inventory/stock/" + sku, null);
    }

    public static String reservation(long orderId, String sku, int quantity, Integer holdSeconds) {
        return """
                {"orderId": %d, "items": [{"sku": "%s", "quantity": %d}]%s}""".formatted(orderId, sku, quantity,
                holdSeconds == null ? "" : ", \"holdSeconds\": " + holdSeconds);
    }

    public static long newOrderId() {
        return orders.incrementAndGet();
    }

    public static String uniqueSku() {
        return "INV-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
    }
}
