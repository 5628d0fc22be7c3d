package io.shopplatform.order;

import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.service.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;

/** The order API as shoppers call it, and the test data they need (products with stock) made as an admin does. */
public final class Api extends JsonHttp {

    public static final String ADMIN = TestTokens.shared().token("admin", "ADMIN");
    public static final String CART = "Shop-Cart-Id", KEY = "Idempotency-Key";

    /** A signed-in shopper: their account id and access token. */
    public record Shopper(UUID id, String token) {}

    public Api(int port) {
        super(port);
    }

    public Api(String url) {
        super(URI.create(url).getPort());
    }

    public static Shopper shopper() {
        UUID id = UUID.randomUUID();
        return new Shopper(id, TestTokens.shared().token(id.toString(), "CUSTOMER"));
    }

    /** A product for sale at {@code price} with {@code units} in stock; returns its id and SKU. */
    public static Product stockedProduct(String price, int units) {
        String sku = "ORD-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
        JsonHttp products = new JsonHttp(Peers.product().port());
        Response p = products.post("/api/v1/products", """
                {"sku": "%s", "name": "Thing %s", "price": %s, "status": "ACTIVE"}""".formatted(sku, sku, price), ADMIN);
        if (p.status() != 201) {
            throw new AssertionError("product: " + p.status() + " " + p.body());
        }
        if (units > 0) {
            Response r = new JsonHttp(Peers.inventory().port()).post("/api/v1/inventory/stock/" + sku + "/receipts",
                    "{\"quantity\": " + units + "}", ADMIN);
            if (r.status() != 200) {
                throw new AssertionError("receipt: " + r.status() + " " + r.body());
            }
        }
        return new Product(((Number) p.json("$.id")).longValue(), sku);
    }

    public record Product(long id, String sku) {}

    /**
     * A shopper's card token from the providers' tokenization, for a new card each time: the payment service's
     * velocity rule (a few payments per card an hour) must not hold one test's payment for another's.
     */
    public static String card() {
        return PaymentSimulators.card("4242");
    }

    /** A token of a new card the providers decline. */
    public static String decliningCard() {
        return PaymentSimulators.card(PaymentSimulators.DECLINED_LAST4);
    }

    /** The order's id in a checkout's answer. */
    public static long orderId(Response checkout) {
        return ((Number) checkout.json("$.id")).longValue();
    }

    /** The SKU's available units, as the inventory says now. */
    public static int available(String sku) {
        Response r = new JsonHttp(Peers.inventory().port()).get("/api/v1/inventory/stock/" + sku, null);
        return r.<Integer>json("$.available");
    }

    public static int onHand(String sku) {
        Response r = new JsonHttp(Peers.inventory().port()).get("/api/v1/inventory/stock/" + sku, null);
        return r.<Integer>json("$.onHand");
    }

    public Response add(String token, String cartId, long productId, int quantity) {
        return send(withCart(HttpRequest.newBuilder(uri("/api/v1/cart/items")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"productId\": %d, \"quantity\": %d}".formatted(productId, quantity))), cartId), token);
    }

    public Response cart(String token, String cartId) {
        return send(withCart(HttpRequest.newBuilder(uri("/api/v1/cart")).GET(), cartId), token);
    }

    public Response setQuantity(String token, String cartId, String sku, String quantity) {
        return send(withCart(HttpRequest.newBuilder(uri("/api/v1/cart/items/" + sku)).PUT(
                HttpRequest.BodyPublishers.ofString("{\"quantity\": " + quantity + "}")), cartId), token);
    }

    public Response remove(String token, String cartId, String sku) {
        return send(withCart(HttpRequest.newBuilder(uri("/api/v1/cart/items/" + sku)).DELETE(), cartId), token);
    }

    /** Checks out the shopper's cart {@code cartId} with card token {@code card} under idempotency key {@code key}. */
    public Response checkout(String token, String key, String cartId, String card) {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri("/api/v1/orders"))
                .POST(HttpRequest.BodyPublishers.ofString(checkoutJson(cartId, card)));
        if (key != null) {
            r.header(KEY, key);
        }
        return send(r, token);
    }

    public static String checkoutJson(String cartId, String card) {
        return """
                {"cartId": "%s", "cardToken": "%s", "shippingAddress": {"name": "Ada Shopper", "line1": "1 Test Street",
                 "city": "Testville", "postalCode": "12345", "country": "US"}}""".formatted(cartId, card);
    }

    /** A signed-in shopper's cart holding {@code quantity} of the product; returns the cart id. */
    public String cartWith(Shopper shopper, long productId, int quantity) {
        Response r = add(shopper.token(), null, productId, quantity);
        if (r.status() != 200) {
            throw new AssertionError("add: " + r.status() + " " + r.body());
        }
        return r.json("$.id");
    }

    private URI uri(String path) {
        return URI.create(base() + path);
    }

    private static HttpRequest.Builder withCart(HttpRequest.Builder r, String cartId) {
        return cartId == null ? r : r.header(CART, cartId);
    }
}
