package io.shopplatform.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configuration contract: for each edge, the environment variables through which the caller learns
 * where the callee is and how to authenticate. In Kubernetes plain values come from a ConfigMap and secret ones
 * from a Secret; locally the runner sets the same names. Services read only these (as {@code ${SHOP_...}}).
 */
public final class Wiring {

    /** One environment variable; {@code secret} ones are never written to a ConfigMap or a log. */
    public record Variable(String name, boolean secret) {}

    /** A service's database connection pool size: {@link ConnectionBudget#servicePool()} of its environment. */
    public static final String DB_POOL_SIZE = "SHOP_DB_POOL_SIZE";

    private Wiring() {}

    /** The variables a component needs to use {@code edge}; empty for edges that carry no client config. */
    public static List<Variable> variables(Platform platform, Edge edge) {
        Kind caller = platform.component(edge.from()).kind();
        if (edge.from().equals(edge.to()) || (caller != Kind.SERVICE && caller != Kind.JOB && caller != Kind.TASK)) {
            return List.of();   // only our own code reads SHOP_*; servers are configured by their own files
        }
        Component to = platform.component(edge.to());
        return switch (to.name()) {
            // A service also learns its connection pool's size, derived from the connection budget.
            case Shop.PGPOOL, Shop.POSTGRES -> !edge.port().equals("postgres") ? List.of()
                    : caller == Kind.SERVICE ? List.of(plain("SHOP_DB_URL"), secret("SHOP_DB_USER"),
                            secret("SHOP_DB_PASSWORD"), plain(DB_POOL_SIZE))
                    : List.of(plain("SHOP_DB_URL"), secret("SHOP_DB_USER"), secret("SHOP_DB_PASSWORD"));
            case Shop.REDIS -> List.of(plain("SHOP_REDIS_NODES"), secret("SHOP_REDIS_PASSWORD"));
            case Shop.MEMCACHED -> List.of(plain("SHOP_MEMCACHED_SERVERS"), secret("SHOP_MEMCACHED_USER"),
                    secret("SHOP_MEMCACHED_PASSWORD"));
            case Shop.KAFKA -> List.of(plain("SHOP_KAFKA_BOOTSTRAP"), secret("SHOP_KAFKA_USER"), secret("SHOP_KAFKA_PASSWORD"));
            case Shop.SEARCH -> List.of(plain("SHOP_SEARCH_URL"), secret("SHOP_SEARCH_USER"), secret("SHOP_SEARCH_PASSWORD"));
            default -> to.isService() ? List.of(plain(serviceUrlVariable(to.name()))) : List.of();
        };
    }

    /** Every variable a component reads, in edge order, without repeats. */
    public static List<Variable> variablesOf(Platform platform, String component) {
        List<Variable> all = new ArrayList<>();
        for (Edge e : platform.edgesFrom(component)) {
            for (Variable v : variables(platform, e)) {
                if (!all.contains(v)) {
                    all.add(v);
                }
            }
        }
        return all;
    }

    /** {@code SHOP_INVENTORY_URL} for the inventory service. */
    public static String serviceUrlVariable(String service) {
        return "SHOP_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
    }

    private static Variable plain(String name) {
        return new Variable(name, false);
    }

    private static Variable secret(String name) {
        return new Variable(name, true);
    }
}
