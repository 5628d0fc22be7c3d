package io.shopplatform.manifests.operations;

import io.shopplatform.manifests.Meta;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.Units;
import io.shopplatform.manifests.crd.CustomResource;
import io.shopplatform.manifests.crd.PrometheusRule;
import io.shopplatform.manifests.crd.PrometheusRule.Rule;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Alerting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The seed's alerting thresholds. Critical alerts page (PagerDuty, around the clock), warnings go to Slack in
 * business hours: Alertmanager routes on the {@code severity} label.
 */
public final class Alerts extends Construct {
    public static final String NAME = "shop-alerts";
    public static final String CRITICAL = "critical", WARNING = "warning";

    public Alerts(Construct scope, Target target) {
        super(scope, "alerts");
        Alerting t = target.platform().alerting();
        String ns = target.namespace();
        String inNs = "namespace=\"" + ns + "\"";
        String services = Queries.service(ns, ".+");
        String queueMetric = target.platform().component(Shop.ORDER).autoscaling().orElseThrow()
                .customMetric().orElseThrow().name();
        double busy = t.warningCpuMemoryPercent() / 100.0;
        List<Rule> critical = List.of(
                rule("DatabasePrimaryDown", "(count(pg_replication_is_replica{" + inNs + "} == 0) or vector(0)) < 1",
                        target.platform().database().failoverDetection(), CRITICAL, "No PostgreSQL member is primary: writes are failing"),
                rule("PaymentServiceUnavailable",
                        "(sum(up{" + Queries.service(ns, Shop.PAYMENT) + "}) or vector(0)) == 0",
                        Duration.ofMinutes(1), CRITICAL, "No payment instance is up"),
                rule("HighErrorRate", Queries.errorRate(services, "service") + " > " + t.criticalErrorRate(),
                        Duration.ofMinutes(5), CRITICAL, "{{ $labels.service }} fails more than "
                                + percent(t.criticalErrorRate()) + " of requests"),
                rule("SlowResponses", Queries.p95Seconds(services, "service") + " > "
                                + t.criticalResponseTime().toSeconds(),
                        Duration.ofMinutes(5), CRITICAL, "{{ $labels.service }} p95 above "
                                + t.criticalResponseTime().toSeconds() + " s"));
        List<Rule> warning = List.of(
                rule("HighCpu", "sum by (pod) (rate(container_cpu_usage_seconds_total{" + inNs + ",container!=\"\"}[5m]))"
                                + " / sum by (pod) (kube_pod_container_resource_limits{" + inNs + ",resource=\"cpu\"}) > " + busy,
                        Duration.ofMinutes(10), WARNING, "{{ $labels.pod }} uses more than "
                                + t.warningCpuMemoryPercent() + " % of its CPU limit"),
                rule("HighMemory", "sum by (pod) (container_memory_working_set_bytes{" + inNs + ",container!=\"\"})"
                                + " / sum by (pod) (kube_pod_container_resource_limits{" + inNs + ",resource=\"memory\"}) > " + busy,
                        Duration.ofMinutes(10), WARNING, "{{ $labels.pod }} uses more than "
                                + t.warningCpuMemoryPercent() + " % of its memory limit"),
                rule("CacheHitRatioLow", Queries.cacheHitRatio(ns) + " < " + t.warningCacheHitRatio(),
                        Duration.ofMinutes(10), WARNING, "{{ $labels.service }} {{ $labels.cache }} hit ratio below "
                                + percent(t.warningCacheHitRatio())),
                rule("DiskAlmostFull", "kubelet_volume_stats_used_bytes{" + inNs + "}"
                                + " / kubelet_volume_stats_capacity_bytes{" + inNs + "} > " + t.warningDiskPercent() / 100.0,
                        Duration.ofMinutes(10), WARNING, "{{ $labels.persistentvolumeclaim }} is more than "
                                + t.warningDiskPercent() + " % full"),
                rule("QueueDepthIncreasing", "sum(deriv(" + queueMetric + "{" + inNs + "}[10m])) > 0",
                        Duration.ofMinutes(15), WARNING, queueMetric + " has been rising for 15 minutes"));
        CustomResource.create(this, "rule", PrometheusRule.TYPE, Meta.meta(NAME, ns, Meta.platformLabels(NAME)),
                new PrometheusRule.Spec(List.of(new PrometheusRule.Group("shop-critical", critical),
                        new PrometheusRule.Group("shop-warning", warning))));
    }

    private static Rule rule(String alert, String expr, Duration holds, String severity, String summary) {
        return new Rule(alert, expr, Units.duration(holds), Map.of("severity", severity), Map.of("summary", summary));
    }

    private static String percent(double ratio) {
        return Math.round(ratio * 100) + " %";
    }
}
