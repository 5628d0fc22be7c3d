package io.shopplatform.order.checkout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.model.BusinessMetric;
import io.shopplatform.order.cart.Cart;
import io.shopplatform.order.cart.Carts;
import io.shopplatform.order.cart.Catalog;
import io.shopplatform.order.cart.Owner;
import io.shopplatform.order.history.OrderView;
import io.shopplatform.order.history.Orders;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.problem.FieldProblemException;
import io.shopplatform.service.problem.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders: in one transaction, the pending order (in its month's partition) with its lines at today's
 * prices, the idempotency record ({@code order_requests}), the saga row and the emptied cart; then runs the saga
 * right away on the request's thread ({@link CheckoutSaga}), so most shoppers get the outcome in the answer. What
 * the request could not finish (a pending payment, a crash) the {@link SagaJob} of any replica takes up.
 */
@Service
class Checkouts {

    private static final Logger log = LoggerFactory.getLogger(Checkouts.class);

    /** An order, and whether this request made it (false: a retry with the same key found it). */
    record Placed(OrderView order, boolean created) {}

    /** A twin request with the same key committed first: this one's transaction is rolled back. */
    private static final class LostToTwin extends RuntimeException {
        LostToTwin() {
            super(null, null, false, false);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Carts carts;
    private final Catalog catalog;
    private final Orders orders;
    private final CheckoutSaga saga;
    private final ReadYourWrites fence;
    private final ObjectMapper json;
    private final Counter placed, replayed;

    Checkouts(JdbcTemplate jdbc, TransactionTemplate tx, Carts carts, Catalog catalog, Orders orders,
              CheckoutSaga saga, ReadYourWrites fence, ObjectMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.carts = carts;
        this.catalog = catalog;
        this.orders = orders;
        this.saga = saga;
        this.fence = fence;
        this.json = json;
        this.placed = checkouts(BusinessMetric.PLACED, meters);
        this.replayed = checkouts("replayed", meters);
    }

    private static Counter checkouts(String result, MeterRegistry meters) {
        return Counter.builder(BusinessMetric.CHECKOUTS.name()).tag(BusinessMetric.RESULT, result)
                .description(BusinessMetric.CHECKOUTS.description()).register(meters);
    }

    Placed place(UUID userId, String key, CheckoutRequest request) {
        byte[] hash = hash(request);
        Optional<Placed> earlier = replay(userId, key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Cart preview = carts.view(new Owner(userId, null));
        if (!request.cartId().equals(preview.id())) {
            throw new NotFoundException("cart", request.cartId());
        }
        if (preview.isEmpty()) {
            throw emptyCart();
        }
        // Prices now, outside the transaction (no connection held over HTTP); the cart is locked below.
        Map<Long, Catalog.Product> products = new HashMap<>();
        for (int i = 0; i < preview.lines().size(); i++) {
            long id = preview.lines().get(i).productId();
            products.put(id, catalog.forSale(id, "cart.lines[" + i + "].productId"));
        }
        Made made;
        try {
            made = Objects.requireNonNull(tx.execute(status -> create(userId, key, hash, request, products)));
        } catch (LostToTwin e) {
            return replay(userId, key, hash).orElseThrow();
        }
        placed.increment();
        try {
            saga.runClaimed(made.sagaId());
        } catch (RuntimeException e) {
            // The order and its saga are committed: the job resumes it; the shopper sees it pending.
            log.warn("checkout saga of order {} stopped; the job resumes it: {}", made.orderId(), e.toString());
        }
        return new Placed(orders.get(userId, made.orderId()), true);
    }

    private record Made(long orderId, UUID sagaId) {}

    /** In the checkout's transaction: the order, its lines, the key's record, the saga; the cart emptied. */
    private Made create(UUID userId, String key, byte[] hash, CheckoutRequest request,
                          Map<Long, Catalog.Product> products) {
        Cart cart = carts.lockForCheckout(userId, request.cartId());
        if (cart.isEmpty()) {
            throw emptyCart();
        }
        BigDecimal subtotal = BigDecimal.ZERO.setScale(2);
        String currency = null;
        for (Cart.Line line : cart.lines()) {
            Catalog.Product p = products.get(line.productId());
            if (p == null) {
                throw new FieldProblemException(HttpStatus.CONFLICT, "Cart changed", "cartId",
                        "changed during the checkout; check it and order again");
            }
            currency = p.currency();
            subtotal = subtotal.add(p.price().multiply(BigDecimal.valueOf(line.quantity())));
        }
        subtotal = subtotal.setScale(2, RoundingMode.HALF_UP);
        Map<String, Object> order = jdbc.queryForMap("INSERT INTO orders.orders (user_id, currency, subtotal, total,"
                + " shipping_address) VALUES (?, ?, ?, ?, ?::jsonb) RETURNING order_id, created_at", userId, currency,
                subtotal, subtotal, write(request.shippingAddress()));
        long orderId = ((Number) order.get("order_id")).longValue();
        Timestamp createdAt = (Timestamp) order.get("created_at");
        int lineNo = 0;
        for (Cart.Line line : cart.lines()) {
            Catalog.Product p = products.get(line.productId());
            jdbc.update("INSERT INTO orders.order_items (order_id, order_created_at, line_no, product_id, sku, name,"
                    + " unit_price, quantity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", orderId, createdAt, ++lineNo, p.id(),
                    p.sku(), p.name(), p.price(), line.quantity());
        }
        int recorded = jdbc.update("INSERT INTO orders.order_requests (user_id, idempotency_key, request_hash,"
                + " order_id, order_created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", userId, key, hash,
                orderId, createdAt);
        if (recorded == 0) {
            throw new LostToTwin();
        }
        UUID sagaId = saga.start(orderId, createdAt, request.cardToken());
        carts.emptyAfterCheckout(userId, request.cartId());
        return new Made(orderId, sagaId);
    }

    /** The order an earlier request with this key made; the key with another request is a 422. */
    private Optional<Placed> replay(UUID userId, String key, byte[] hash) {
        List<Map<String, Object>> found = jdbc.queryForList("/*NO LOAD BALANCE*/ SELECT request_hash, order_id"
                + " FROM orders.order_requests WHERE user_id = ? AND idempotency_key = ?", userId, key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (!Arrays.equals((byte[]) found.get(0).get("request_hash"), hash)) {
            throw new FieldProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused",
                    CheckoutController.KEY_HEADER, "was used for another checkout (another cart or request)");
        }
        replayed.increment();
        fence.catchUp();   // the order may come from another instance's commit: read where it is visible
        return Optional.of(new Placed(orders.get(userId, ((Number) found.get(0).get("order_id")).longValue()), false));
    }

    private static FieldProblemException emptyCart() {
        return new FieldProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Empty cart", "cartId",
                "holds nothing to order");
    }

    private byte[] hash(CheckoutRequest request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
