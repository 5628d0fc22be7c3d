package io.shopplatform.schema;

import io.shopplatform.model.Shop;
import java.util.List;

/** Which schema and login role each service owns in the {@code shop} database (docs/contracts.md). */
public final class ServiceSchemas {

    /** A service's own corner of the database: its role reaches this schema and no other. */
    public record ServiceSchema(String service, String schema, String role) {}

    public static final List<ServiceSchema> ALL = List.of(
            owned(Shop.USER, "users"),
            owned(Shop.PRODUCT, "catalog"),
            owned(Shop.ORDER, "orders"),
            owned(Shop.PAYMENT, "payments"),
            owned(Shop.INVENTORY, "inventory"));

    private ServiceSchemas() {}

    /** The schema and role of {@code service}, one of the {@link Shop} service names. */
    public static ServiceSchema of(String service) {
        return ALL.stream().filter(s -> s.service().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no schema for service " + service));
    }

    private static ServiceSchema owned(String service, String schema) {
        return new ServiceSchema(service, schema, "shop_" + service);
    }
}
