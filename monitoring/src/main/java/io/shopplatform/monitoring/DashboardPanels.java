package io.shopplatform.monitoring;

import static io.shopplatform.model.BusinessMetric.CARTS;
import static io.shopplatform.model.BusinessMetric.CHECKOUTS;
import static io.shopplatform.model.BusinessMetric.ORDERS_PLACED;
import static io.shopplatform.model.BusinessMetric.PAYMENTS;
import static io.shopplatform.model.BusinessMetric.UNITS_ON_HAND;
import static io.shopplatform.model.BusinessMetric.UNITS_SOLD;

import io.shopplatform.model.BusinessMetric;
import java.util.List;

/**
 * The dashboards' boards and panels for the seed's metric list, written once: the cluster's Grafana dashboards
 * (manifests-synth) show them, and a test runs every panel's query against the local Prometheus. The business KPIs
 * read the series the services publish under the model's names ({@link BusinessMetric}).
 */
public final class DashboardPanels {

    public record Board(String title, List<Panel> panels) {}

    public record Panel(String title, String expr) {}

    private DashboardPanels() {}

    /** Every board, its panels' queries selecting the series of {@code namespace}. */
    public static List<Board> of(String namespace) {
        String all = Queries.service(namespace, ".+");
        String ns = Queries.namespace(namespace);
        String inNs = "{" + ns + "}";
        return List.of(
                new Board("Shop services", List.of(
                        new Panel("Request rate per service", Queries.requestRate(all, "service")),
                        new Panel("p95 latency per service (s)", Queries.p95Seconds(all, "service")),
                        // A service asked and never failing shows 0, not "no data" (which hides a dead exporter).
                        new Panel("Error rate per service", Queries.errorRate(all, "service") + " or ("
                                + Queries.requestRate(all, "service") + " * 0)"))),
                new Board("Shop data tier", List.of(
                        new Panel("Repository query p95 per service (s)", "histogram_quantile(0.95, sum by (le, service) "
                                + "(rate(spring_data_repository_invocations_seconds_bucket" + inNs + "[5m])))"),
                        new Panel("PgPool connections in use", "sum by (pod) (pgpool2_pool_backend_stats_status" + inNs + ")"),
                        new Panel("Replication lag (s)", "max by (pod) (pg_replication_lag_seconds" + inNs + ")"))),
                new Board("Shop caches", List.of(
                        new Panel("Cache hit ratio per service and layer", Queries.cacheHitRatio(namespace)),
                        new Panel("Redis hit ratio", "sum(rate(redis_keyspace_hits_total" + inNs + "[5m])) / (sum(rate("
                                + "redis_keyspace_hits_total" + inNs + "[5m])) + sum(rate(redis_keyspace_misses_total"
                                + inNs + "[5m])))"),
                        // As the services see it: memcached's own stats need its ASCII protocol, which SASL turns off.
                        new Panel("memcached hit ratio", "sum(rate(shop_cache_gets_total{" + Queries.namespace(namespace)
                                + ",layer=\"memcached\",result=\"hit\"}[5m])) / sum(rate(shop_cache_gets_total{"
                                + Queries.namespace(namespace) + ",layer=\"memcached\"}[5m]))"))),
                new Board("Shop business KPIs", List.of(
                        new Panel("Conversion (orders per checkout started)", "sum(rate(" + series(ORDERS_PLACED, inNs)
                                + "[1h])) / sum(rate(" + series(CHECKOUTS, ns, BusinessMetric.RESULT, BusinessMetric.PLACED)
                                + "[1h]))"),
                        new Panel("Cart abandonment", "1 - sum(rate(" + series(ORDERS_PLACED, inNs) + "[1h])) / sum(rate("
                                + series(CARTS, ns, BusinessMetric.OUTCOME, BusinessMetric.STARTED) + "[1h]))"),
                        new Panel("Payment success rate", "sum(rate(" + series(PAYMENTS, ns, BusinessMetric.OUTCOME,
                                BusinessMetric.AUTHORIZED) + "[15m])) / sum(rate(" + series(PAYMENTS, inNs) + "[15m]))"),
                        // Every inventory replica reports the database's one figure for units on hand: max, not sum.
                        // The average's steps fall on whole minutes: hourly steps would leave a Prometheus younger
                        // than its last whole hour (a new one, or after a data loss) with nothing to show.
                        new Panel("Inventory turnover (units sold per unit on hand, 24 h)",
                                "sum(increase(" + series(UNITS_SOLD, inNs) + "[24h])) / avg_over_time(max("
                                        + series(UNITS_ON_HAND, inNs) + ")[24h:1m])"))));
    }

    private static String series(BusinessMetric metric, String selector) {
        return metric.series() + selector;
    }

    private static String series(BusinessMetric metric, String namespaceMatcher, String label, String value) {
        return metric.series() + "{" + namespaceMatcher + "," + label + "=\"" + value + "\"}";
    }
}
