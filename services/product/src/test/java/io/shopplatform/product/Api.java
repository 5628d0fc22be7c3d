package io.shopplatform.product;

import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;

/** A client of one running instance, as admins and shoppers call it. */
public final class Api extends JsonHttp {

    public static final String ADMIN = TestTokens.shared().token("admin", "ADMIN");
    public static final String SHOPPER = TestTokens.shared().token("shopper", "CUSTOMER");

    public Api(int port) {
        super(port);
    }

    public Response get(String path) {
        return get(path, null);
    }

    /** A read that must see the write which returned {@code version} (its {@code Shop-Version} header). */
    public Response getAtLeast(String path, String version) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET()
                .header(ReadYourWrites.MIN_VERSION_HEADER, version), null);
    }

    /** Creates a product as an admin and returns its id. */
    public long createProduct(long categoryId, String price) {
        Response r = post("/api/v1/products", productJson(uniqueSku(), "Test product", categoryId, price), ADMIN);
        if (r.status() != 201) {
            throw new AssertionError("create failed: " + r.status() + " " + r.body());
        }
        return ((Number) r.json("$.id")).longValue();
    }

    public static String productJson(String sku, String name, long categoryId, String price) {
        return """
                {"sku": "%s", "name": "%s", "description": "made by a test", "categoryId": %d, "price": %s,
                 "status": "ACTIVE"}""".formatted(sku, name, categoryId, price);
    }

    public static String uniqueSku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
    }

    /** A category slug of its own, so tests on the shared tier never meet in a category. */
    public static String uniqueSlug() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
