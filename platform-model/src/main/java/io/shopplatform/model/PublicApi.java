package io.shopplatform.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shop's public API as the gateway routes it: which path patterns go to which service. A route may only name a
 * service the gateway has an edge to, and every such service has a route, so the table and the network policy
 * (one allow per edge) cannot drift apart.
 */
public record PublicApi(String prefix, List<Route> routes) {

    /** Request headers of the public API beyond HTTP's own (docs/contracts.md), which browsers may send. */
    public static final List<String> REQUEST_HEADERS = List.of("Idempotency-Key", "Shop-Cart-Id", "Shop-Min-Version");
    /** Response headers of the public API that a browser's script may read. */
    public static final List<String> RESPONSE_HEADERS = List.of("Shop-Cart-Id", "Shop-Version");

    /** One service's share of the public API: Spring path patterns under {@link #prefix()}. */
    public record Route(String service, List<String> paths) {
        public Route {
            Checks.name(service, "route service");
            paths = List.copyOf(paths);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("route to " + service + ": no paths");
            }
        }
    }

    public PublicApi {
        routes = List.copyOf(routes);
        for (Route r : routes) {
            r.paths().stream().filter(p -> !p.startsWith(prefix + "/")).findFirst().ifPresent(p -> {
                throw new IllegalArgumentException("route to " + r.service() + ": " + p + " is outside " + prefix);
            });
        }
    }

    /**
     * The routes for {@code platform}: {@code pathsByService} must name exactly the services the gateway has an
     * {@code http} edge to.
     */
    public static PublicApi of(Platform platform, String prefix, Map<String, List<String>> pathsByService) {
        Set<String> backends = platform.edgesFrom(Shop.GATEWAY).stream()
                .filter(e -> e.port().equals(Shop.HTTP.name()) && platform.component(e.to()).isService())
                .map(Edge::to).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        if (!backends.equals(pathsByService.keySet())) {
            throw new IllegalStateException("inconsistent public API: the gateway's edges reach " + backends
                    + " but routes are declared for " + pathsByService.keySet());
        }
        List<Route> routes = new ArrayList<>();
        backends.forEach(s -> routes.add(new Route(s, pathsByService.get(s))));
        return new PublicApi(prefix, routes);
    }

    /** Every path pattern with the service it leads to, in route order. */
    public Map<String, String> serviceByPath() {
        Map<String, String> all = new LinkedHashMap<>();
        routes.forEach(r -> r.paths().forEach(p -> all.put(p, r.service())));
        return all;
    }
}
