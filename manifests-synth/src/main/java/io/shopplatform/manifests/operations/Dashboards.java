package io.shopplatform.manifests.operations;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus25.k8s.KubeConfigMap;
import org.cdk8s.plus25.k8s.KubeConfigMapProps;
import org.cdk8s.plus25.k8s.ObjectMeta;
import software.constructs.Construct;

/**
 * Grafana dashboards as code for the seed's metric list; Grafana's sidecar loads every ConfigMap labelled
 * {@value #SIDECAR_LABEL}. The business KPIs read counters the services publish (see the README).
 */
public final class Dashboards extends Construct {
    public static final String SIDECAR_LABEL = "grafana_dashboard";

    public record Dashboard(String uid, String title, Integer schemaVersion, List<String> tags, Time time, List<Panel> panels) {}

    public record Time(String from, String to) {}

    public record Panel(Integer id, String type, String title, GridPos gridPos, List<Query> targets) {}

    public record GridPos(Integer h, Integer w, Integer x, Integer y) {}

    public record Query(String refId, String expr, String legendFormat) {}

    public Dashboards(Construct scope, Target target) {
        super(scope, "dashboards");
        String ns = target.namespace();
        String all = Queries.service(ns, ".+");
        String inNs = "{namespace=\"" + ns + "\"}";
        Map<String, Map<String, String>> boards = new LinkedHashMap<>();
        boards.put("Shop services", panels(
                "Request rate per service", Queries.requestRate(all, "service"),
                "p95 latency per service (s)", Queries.p95Seconds(all, "service"),
                "Error rate per service", Queries.errorRate(all, "service")));
        boards.put("Shop data tier", panels(
                "Repository query p95 per service (s)",
                "histogram_quantile(0.95, sum by (le, service) (rate(spring_data_repository_invocations_seconds_bucket" + inNs + "[5m])))",
                "PgPool connections in use", "sum by (pod) (pgpool2_pool_backend_stats_status" + inNs + ")",
                "Replication lag (s)", "max by (pod) (pg_replication_lag_seconds" + inNs + ")"));
        boards.put("Shop caches", panels(
                "Cache hit ratio per service and layer", Queries.cacheHitRatio(ns),
                "Redis hit ratio", "sum(rate(redis_keyspace_hits_total" + inNs + "[5m])) / (sum(rate(redis_keyspace_hits_total"
                        + inNs + "[5m])) + sum(rate(redis_keyspace_misses_total" + inNs + "[5m])))",
                // As the services see it: memcached's own stats need its ASCII protocol, which SASL turns off.
                "memcached hit ratio", "sum(rate(shop_cache_gets_total{namespace=\"" + ns + "\",layer=\"memcached\",result=\"hit\"}[5m]))"
                        + " / sum(rate(shop_cache_gets_total{namespace=\"" + ns + "\",layer=\"memcached\"}[5m]))"));
        boards.put("Shop business KPIs", panels(
                "Conversion (orders per checkout started)",
                "sum(rate(shop_orders_placed_total" + inNs + "[1h])) / sum(rate(shop_checkouts_started_total" + inNs + "[1h]))",
                "Cart abandonment", "1 - sum(rate(shop_orders_placed_total" + inNs + "[1h])) / sum(rate(shop_carts_created_total" + inNs + "[1h]))",
                "Payment success rate", "sum(rate(shop_payments_total{namespace=\"" + ns + "\",outcome=\"authorized\"}[15m]))"
                        + " / sum(rate(shop_payments_total" + inNs + "[15m]))",
                "Inventory turnover (units sold per unit on hand, 24 h)",
                "sum(increase(shop_inventory_units_sold_total" + inNs + "[24h])) / avg_over_time(sum(shop_inventory_units_on_hand" + inNs + ")[24h:1h])"));
        boards.forEach((title, panels) -> dashboard(target, title, panels));
    }

    /** Pairs of title and query, in order. */
    private static Map<String, String> panels(String... titleAndQuery) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < titleAndQuery.length; i += 2) {
            m.put(titleAndQuery[i], titleAndQuery[i + 1]);
        }
        return m;
    }

    private void dashboard(Target target, String title, Map<String, String> queries) {
        String uid = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        List<Panel> panels = new ArrayList<>();
        queries.forEach((panelTitle, expr) -> {
            int i = panels.size();
            panels.add(new Panel(i + 1, "timeseries", panelTitle, new GridPos(8, 12, (i % 2) * 12, (i / 2) * 8),
                    List.of(new Query("A", expr, ""))));
        });
        Dashboard d = new Dashboard(uid, title, 39, List.of("shop-platform"), new Time("now-6h", "now"), panels);
        Map<String, String> labels = new LinkedHashMap<>(Meta.platformLabels(uid));
        labels.put(SIDECAR_LABEL, "1");
        new KubeConfigMap(this, uid, KubeConfigMapProps.builder()
                .metadata(ObjectMeta.builder().name("dashboard-" + uid).namespace(target.namespace()).labels(labels).build())
                .data(Map.of(uid + ".json", Json.write(d)))
                .build());
    }
}
