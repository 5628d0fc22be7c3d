package io.shopplatform.order.cart;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.model.BusinessMetric;
import io.shopplatform.model.Shop;
import io.shopplatform.order.OrderProperties;
import io.shopplatform.service.cache.CacheLayers;
import io.shopplatform.service.cache.CacheSpec;
import io.shopplatform.service.cache.LayeredCache;
import io.shopplatform.service.db.AfterCommit;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.problem.FieldProblemException;
import io.shopplatform.service.problem.InvalidInputException;
import io.shopplatform.service.problem.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carts: PostgreSQL is the record, Redis a write-through copy with the seed's 7-day TTL (the model's
 * {@code carts} policy). Every change commits to the database first, then overwrites the Redis copy; reads take
 * Redis and fall back to the database (through the read-your-writes fence), so a Redis loss loses no cart and a
 * dead Redis only costs reads their speed (the shared cache's breaker skips it).
 *
 * <p>A cart belongs to one signed-in user ({@code user_id}) or to whoever holds its random id. An anonymous cart
 * sent by a signed-in shopper is merged into theirs; a cart of another user is "not found", whoever asks.
 *
 * <p>The seed's cart KPIs: {@code shop_order_carts_total{outcome="started"}} counts carts getting their first item
 * (an empty cart filled again counts again), {@code outcome="checked_out"} carts turned into an order. Conversion is
 * checked out per started over a window; abandonment is one minus it.
 */
@Service
public class Carts {

    private static final String PRIMARY = "/*NO LOAD BALANCE*/ ";
    private static final String LINES = "SELECT sku, product_id, quantity, unit_price FROM orders.cart_items"
            + " WHERE cart_id = ? ORDER BY added_at, sku";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ReadYourWrites fence;
    private final LayeredCache<Cart> cache;
    private final Catalog catalog;
    private final StockCheck stock;
    private final OrderProperties.Cart limits;
    private final Counter started, checkedOut;

    Carts(JdbcTemplate jdbc, TransactionTemplate tx, ReadYourWrites fence, CacheLayers caches, Catalog catalog,
          StockCheck stock, OrderProperties props, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.fence = fence;
        this.cache = caches.cache(CacheSpec.of("carts", Shop.PLATFORM.cache("carts")), Cart.class);
        this.catalog = catalog;
        this.stock = stock;
        this.limits = props.cart();
        this.started = carts(BusinessMetric.STARTED, meters);
        this.checkedOut = carts("checked_out", meters);
    }

    private static Counter carts(String outcome, MeterRegistry meters) {
        return Counter.builder(BusinessMetric.CARTS.name()).tag(BusinessMetric.OUTCOME, outcome)
                .description(BusinessMetric.CARTS.description()).register(meters);
    }

    /** The owner's cart (after merging an anonymous one a signed-in shopper sends), or an empty one. */
    public Cart view(Owner owner) {
        if (owner.signedIn() && owner.cartId() != null) {
            mergeIntoUsers(owner);
        }
        Optional<UUID> id = owner.signedIn() ? userCartId(owner.userId()) : Optional.ofNullable(owner.cartId());
        return id.map(cartId -> read(owner, cartId)).orElse(Cart.none());
    }

    /** Adds {@code quantity} units of a product for sale, at its price now, if the inventory has them all. */
    public Cart add(Owner owner, CartRequests.AddItem request) {
        Catalog.Product product = catalog.forSale(request.productId(), "productId");
        Cart before = view(owner);
        if (!before.isEmpty() && !before.currency().equals(product.currency())) {
            throw new InvalidInputException("productId", "is sold in " + product.currency() + ", the cart holds "
                    + before.currency());
        }
        int held = before.lines().stream().filter(l -> l.sku().equals(product.sku()))
                .mapToInt(Cart.Line::quantity).sum();
        int wanted = held + request.quantity();
        withinLimits(before, product.sku(), wanted);
        stock.require(product.sku(), wanted, "quantity");
        boolean[] first = {false};
        Cart after = change(owner, cartId -> {
            // Under the cart's lock: whether this is its first item, once, however many adds race.
            first[0] = Boolean.TRUE.equals(jdbc.queryForObject("SELECT NOT EXISTS (SELECT 1 FROM orders.cart_items"
                    + " WHERE cart_id = ?)", Boolean.class, cartId));
            jdbc.update("INSERT INTO orders.cart_items (cart_id, sku, product_id, quantity, unit_price) VALUES"
                    + " (?, ?, ?, ?, ?) ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = orders.cart_items.quantity"
                    + " + EXCLUDED.quantity, unit_price = EXCLUDED.unit_price", cartId, product.sku(), product.id(),
                    request.quantity(), product.price());
        }, product.currency());
        if (first[0]) {
            started.increment();
        }
        return after;
    }

    /** Sets a line to {@code quantity} units, if the inventory has them. */
    public Cart setQuantity(Owner owner, String sku, int quantity) {
        Cart before = existing(owner);
        line(before, sku);
        withinLimits(before, sku, quantity);
        stock.require(sku, quantity, "quantity");
        return change(owner, cartId -> jdbc.update("UPDATE orders.cart_items SET quantity = ? WHERE cart_id = ?"
                + " AND sku = ?", quantity, cartId, sku), before.currency());
    }

    /** Takes a line out of the cart. */
    public Cart remove(Owner owner, String sku) {
        Cart before = existing(owner);
        line(before, sku);
        return change(owner, cartId -> jdbc.update("DELETE FROM orders.cart_items WHERE cart_id = ? AND sku = ?",
                cartId, sku), before.currency());
    }

    /**
     * For the checkout, in its transaction: the user's cart {@code cartId}, locked, straight from the primary; a
     * cart that is not theirs is not found.
     */
    public Cart lockForCheckout(UUID userId, UUID cartId) {
        UUID owner = jdbc.query("SELECT user_id FROM orders.carts WHERE id = ? FOR UPDATE",
                rs -> rs.next() ? rs.getObject(1, UUID.class) : null, cartId);
        if (!userId.equals(owner)) {
            throw new NotFoundException("cart", cartId);
        }
        return load(cartId);
    }

    /** For the checkout, in its transaction: the ordered cart is empty again (its Redis copy follows the commit). */
    public void emptyAfterCheckout(UUID userId, UUID cartId) {
        jdbc.update("DELETE FROM orders.cart_items WHERE cart_id = ?", cartId);
        touch(cartId);
        AfterCommit.run(() -> {
            checkedOut.increment();
            writeThrough(key(new Owner(userId, null), cartId), cartId);
        });
    }

    private Cart read(Owner owner, UUID cartId) {
        Cart cart = cache.get(key(owner, cartId), () -> fence.read(() -> loadIfExists(cartId)));
        if (cart == null || !sameOwner(owner, cart)) {
            throw new NotFoundException("cart", cartId);   // another user's cart is none of this caller's business
        }
        return cart;
    }

    private Cart existing(Owner owner) {
        Cart cart = view(owner);
        if (cart.id() == null) {
            throw new NotFoundException("cart of", owner.signedIn() ? "this shopper" : "this request");
        }
        return cart;
    }

    /** One change in one transaction on the owner's cart (made if need be), then its Redis copy is overwritten. */
    private Cart change(Owner owner, Consumer<UUID> change, String currency) {
        UUID cartId = tx.execute(status -> {
            UUID id = lockOrCreate(owner, currency);
            change.accept(id);
            touch(id);
            return id;
        });
        return writeThrough(key(owner, cartId), cartId);
    }

    private UUID lockOrCreate(Owner owner, String currency) {
        if (owner.signedIn()) {
            jdbc.update("INSERT INTO orders.carts (user_id, currency) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
                    owner.userId(), currency);
            return jdbc.queryForObject("SELECT id FROM orders.carts WHERE user_id = ? FOR UPDATE", UUID.class,
                    owner.userId());
        }
        if (owner.cartId() == null) {
            return jdbc.queryForObject("INSERT INTO orders.carts (currency) VALUES (?) RETURNING id", UUID.class,
                    currency);
        }
        List<UUID> anonymous = jdbc.queryForList("SELECT id FROM orders.carts WHERE id = ? AND user_id IS NULL"
                + " FOR UPDATE", UUID.class, owner.cartId());
        if (anonymous.isEmpty()) {
            throw new NotFoundException("cart", owner.cartId());
        }
        return anonymous.get(0);
    }

    /**
     * A shopper signed in with an anonymous cart: its lines join their cart (quantities add up to the limit, the
     * newer price stands), or it becomes their cart if they have none. Another user's cart is not found.
     */
    private void mergeIntoUsers(Owner owner) {
        UUID anonymousId = owner.cartId();
        Boolean merged = tx.execute(status -> {
            List<UUID> holders = jdbc.query("SELECT user_id FROM orders.carts WHERE id = ? FOR UPDATE",
                    (rs, i) -> rs.getObject(1, UUID.class), anonymousId);
            if (holders.isEmpty()) {
                return false;   // merged before (the client still sends the old id) or never existed: nothing to do
            }
            UUID holder = holders.get(0);
            if (holder != null) {
                if (!holder.equals(owner.userId())) {
                    throw new NotFoundException("cart", anonymousId);
                }
                return false;
            }
            Optional<UUID> mine = jdbc.queryForList("SELECT id FROM orders.carts WHERE user_id = ? FOR UPDATE",
                    UUID.class, owner.userId()).stream().findFirst();
            if (mine.isEmpty()) {
                jdbc.update("UPDATE orders.carts SET user_id = ? WHERE id = ?", owner.userId(), anonymousId);
                touch(anonymousId);
                return true;
            }
            jdbc.update("INSERT INTO orders.cart_items (cart_id, sku, product_id, quantity, unit_price, added_at)"
                    + " SELECT ?, sku, product_id, quantity, unit_price, added_at FROM orders.cart_items WHERE cart_id = ?"
                    + " ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = least(orders.cart_items.quantity"
                    + " + EXCLUDED.quantity, ?), unit_price = EXCLUDED.unit_price",
                    mine.get(), anonymousId, limits.mostPerLine());
            jdbc.update("DELETE FROM orders.carts WHERE id = ?", anonymousId);
            touch(mine.get());
            return true;
        });
        if (Boolean.TRUE.equals(merged)) {
            cache.evict(key(new Owner(null, anonymousId), anonymousId));
            userCartId(owner.userId()).ifPresent(id -> writeThrough(key(owner, id), id));
        }
    }

    private Optional<UUID> userCartId(UUID userId) {
        Cart cached = cache.get(userKey(userId), () -> fence.read(() -> jdbc.queryForList(
                "SELECT id FROM orders.carts WHERE user_id = ?", UUID.class, userId).stream().findFirst()
                .map(this::loadIfExists).orElse(null)));
        return Optional.ofNullable(cached).map(Cart::id);
    }

    /** The database's cart, now (on the primary: this follows a commit), written over the Redis copy. */
    private Cart writeThrough(String key, UUID cartId) {
        // PgPool balances a transaction that has not written to a standby, which may not have applied the commit.
        return cache.refresh(key, () -> tx.execute(status -> loadIfExists(cartId, PRIMARY)));
    }

    private void touch(UUID cartId) {
        jdbc.update("UPDATE orders.carts SET version = version + 1, updated_at = now(),"
                + " expires_at = now() + interval '7 days' WHERE id = ?", cartId);
    }

    private Cart loadIfExists(UUID cartId) {
        return loadIfExists(cartId, "");
    }

    /** The cart as the database has it; {@code hint} {@link #PRIMARY} to read it from the primary. */
    private Cart loadIfExists(UUID cartId, String hint) {
        List<Cart> found = jdbc.query(hint + "SELECT id, user_id, currency, version FROM orders.carts WHERE id = ?",
                (rs, i) -> new Cart(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3).trim(),
                        List.of(), null, rs.getLong(4)), cartId);
        if (found.isEmpty()) {
            return null;
        }
        Cart c = found.get(0);
        List<Cart.Line> lines = new ArrayList<>(jdbc.query(hint + LINES, (rs, i) -> {
            BigDecimal price = rs.getBigDecimal(4);
            int quantity = rs.getInt(3);
            return new Cart.Line(rs.getString(1), rs.getLong(2), quantity, price,
                    price.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP));
        }, cartId));
        BigDecimal subtotal = lines.stream().map(Cart.Line::lineTotal).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new Cart(c.id(), c.userId(), c.currency(), List.copyOf(lines), subtotal, c.version());
    }

    private Cart load(UUID cartId) {
        Cart cart = loadIfExists(cartId);
        if (cart == null) {
            throw new NotFoundException("cart", cartId);
        }
        return cart;
    }

    private void withinLimits(Cart cart, String sku, int quantity) {
        if (quantity > limits.mostPerLine()) {
            throw new InvalidInputException("quantity", "would make " + quantity + " of " + sku + " in the cart, more"
                    + " than the " + limits.mostPerLine() + " one order may hold");
        }
        boolean newLine = cart.lines().stream().noneMatch(l -> l.sku().equals(sku));
        if (newLine && cart.lines().size() >= limits.mostLines()) {
            throw new FieldProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Cart full", "productId",
                    "would make more than " + limits.mostLines() + " lines");
        }
    }

    private static Cart.Line line(Cart cart, String sku) {
        return cart.lines().stream().filter(l -> l.sku().equals(sku)).findFirst()
                .orElseThrow(() -> new NotFoundException("cart line", sku));
    }

    private static boolean sameOwner(Owner owner, Cart cart) {
        return owner.signedIn() ? owner.userId().equals(cart.userId()) : cart.userId() == null;
    }

    private static String key(Owner owner, UUID cartId) {
        return owner.signedIn() ? userKey(owner.userId()) : "anonymous-" + cartId;
    }

    private static String userKey(UUID userId) {
        return "user-" + userId;
    }
}
