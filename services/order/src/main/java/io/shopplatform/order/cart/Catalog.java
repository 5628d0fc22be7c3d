package io.shopplatform.order.cart;

import io.shopplatform.order.ServiceCalls;
import io.shopplatform.service.problem.InvalidInputException;
import java.math.BigDecimal;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** The product service's public product API, for a cart's price snapshot and the order's lines as sold. */
@Component
public class Catalog {

    /** A product as the cart and the order need it. */
    public record Product(long id, String sku, String name, BigDecimal price, String currency) {}

    private final ServiceCalls calls;

    Catalog(ServiceCalls calls) {
        this.calls = calls;
    }

    /**
     * The product {@code id} if it is for sale; otherwise a 400 naming {@code field}. A product service that does
     * not answer is a 503 ({@link ServiceCalls.Unavailable}).
     */
    public Product forSale(long id, String field) {
        ServiceCalls.Reply r = calls.product(HttpMethod.GET, "/api/v1/products/" + id);
        if (r.status() == 404) {
            throw new InvalidInputException(field, "names no product");
        }
        if (!r.ok()) {
            throw new ServiceCalls.Unavailable("product " + id + ": " + r.status(), null);
        }
        if (!"ACTIVE".equals(r.text("status"))) {
            throw new InvalidInputException(field, "names a product that is not for sale");
        }
        return new Product(r.body().path("id").asLong(), r.text("sku"), r.text("name"),
                r.body().path("price").decimalValue(), r.text("currency"));
    }
}
