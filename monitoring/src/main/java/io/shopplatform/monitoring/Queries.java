package io.shopplatform.monitoring;

import java.time.Duration;

/**
 * PromQL over the series Spring Boot (Micrometer) and the exporters publish, shared by the alert rules, the
 * dashboards, and the cluster's canary analysis and metrics adapter, so that each question is asked one way.
 */
public final class Queries {
    /** Prometheus in the cluster, as the monitoring stack (installed by infra/) serves it. */
    public static final String PROMETHEUS = "http://prometheus-operated.monitoring.svc:9090";
    /** Where every service of ours publishes its series (Spring Boot's actuator, on the management port). */
    public static final String SERVICE_METRICS_PATH = "/actuator/prometheus";
    public static final String REQUESTS = "http_server_requests_seconds";
    /**
     * Argo Rollouts' pod label {@code rollouts-pod-template-hash}, as Prometheus names it once a ServiceMonitor copies
     * it onto the services' series ({@code podTargetLabels}, {@code Scraping}).
     */
    public static final String POD_TEMPLATE_HASH = "rollouts_pod_template_hash";
    public static final String POD_TEMPLATE_HASH_LABEL = "rollouts-pod-template-hash";

    private Queries() {}

    /** A Prometheus (and Argo) duration: "5m", "30s", "2h". */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    /** Label matchers for everything of one namespace. */
    public static String namespace(String namespace) {
        return "namespace=\"" + namespace + "\"";
    }

    /** Label matchers for one service in one namespace ({@code service} may be a Prometheus regex). */
    public static String service(String namespace, String service) {
        return "namespace=\"" + namespace + "\",service=~\"" + service + "\"";
    }

    public static String requestRate(String matchers, String by) {
        return "sum by (" + by + ") (rate(" + REQUESTS + "_count{" + matchers + "}[2m]))";
    }

    /** Failed over all requests; nothing where nothing was requested (never NaN). */
    public static String errorRate(String matchers, String by) {
        return "sum by (" + by + ") (rate(" + REQUESTS + "_count{" + matchers + ",status=~\"5..\"}[2m]))"
                + " / (" + requestRate(matchers, by) + " > 0)";
    }

    /** The 95th percentile in seconds; nothing where nothing was requested (never NaN). */
    public static String p95Seconds(String matchers, String by) {
        return "(histogram_quantile(0.95, sum by (le, " + by + ") (rate(" + REQUESTS + "_bucket{" + matchers + "}[2m])))"
                + " >= 0)";
    }

    /**
     * A query that answers 0 rather than nothing: an analysis reads {@code result[0]}, which nothing would fail. The
     * 0 is added only when the query has no sample at all ({@code on()}): a plain {@code or vector(0)} also adds it
     * beside a labelled sample, and {@code result[0]} may then be that 0 instead of the measurement.
     */
    public static String orZero(String query) {
        return "(" + query + ") or on() vector(0)";
    }

    /** Cache hits over lookups, per cache layer (the services' {@code cache_hit_ratio} contract). */
    public static String cacheHitRatio(String namespace) {
        return "avg by (service, cache) (cache_hit_ratio{namespace=\"" + namespace + "\"})";
    }

    public static String criticalAlertsFiring(String namespace) {
        return orZero("count(ALERTS{alertstate=\"firing\",severity=\"critical\",namespace=\"" + namespace + "\"})");
    }
}
