package io.shopplatform.order.cart;

import io.shopplatform.order.ServiceCalls;
import io.shopplatform.service.problem.FieldProblemException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Whether the inventory has the units a cart line asks for now. Advisory (stock may go before checkout): the
 * checkout's reservation is what holds units.
 */
@Component
class StockCheck {

    private final ServiceCalls calls;

    StockCheck(ServiceCalls calls) {
        this.calls = calls;
    }

    /** A 409 naming {@code field} unless {@code quantity} units of {@code sku} are available. */
    void require(String sku, int quantity, String field) {
        ServiceCalls.Reply r = calls.inventory(HttpMethod.GET, "/api/v1/inventory/stock/" + sku, null);
        long available;
        if (r.status() == 404) {
            available = 0;
        } else if (r.ok()) {
            available = r.body().path("available").asLong();
        } else {
            throw new ServiceCalls.Unavailable("stock of " + sku + ": " + r.status(), null);
        }
        if (quantity > available) {
            throw new FieldProblemException(HttpStatus.CONFLICT, "Not enough stock", field,
                    "is more than the " + available + " available");
        }
    }
}
