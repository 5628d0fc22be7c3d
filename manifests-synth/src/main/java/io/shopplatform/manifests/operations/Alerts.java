package io.shopplatform.manifests.operations;

import io.shopplatform.datatier.Sizing;
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
    public static final String NAMESPACE = "namespace";
    private final String namespace;

    public Alerts(Construct scope, Target target) {
        super(scope, "alerts");
        this.namespace = target.namespace();
        Alerting t = target.platform().alerting();
        String ns = target.namespace();
        String inNs = "namespace=\"" + ns + "\"";
        String services = Queries.service(ns, ".+");
        String queueMetric = target.platform().component(Shop.ORDER).autoscaling().orElseThrow()
                .customMetric().orElseThrow().name();
        double busy = t.warningCpuMemoryPercent() / 100.0;
        // A full backup is overdue once a second one should have run as well.
        Duration fullBackupOverdue = Duration.ofDays(Sizing.fullBackupEveryDays(target.platform().backups().fullBackupCron()))
                .multipliedBy(3).dividedBy(2);
        long slotRiskBytes = Sizing.of(target.platform(), target.env()).maxSlotWalKeepSizeMb() * 1024L * 1024 / 5;
        List<Rule> critical = List.of(
                // Zero primaries and two primaries are both an outage: no writes, or writes that may be lost.
                rule("DatabasePrimaryDown", "(count(pg_replication_is_replica{" + inNs + "} == 0) or vector(0)) != 1",
                        target.platform().database().failoverDetection(), CRITICAL,
                        "{{ $value }} PostgreSQL members are primary, not exactly one: writes fail, or may be lost"),
                rule("DatabaseBackupMissing", "time() - max(kube_cronjob_status_last_successful_time{" + inNs
                                + ",cronjob=\"" + DatabaseJobs.FULL_BACKUP + "\"}) > " + fullBackupOverdue.toSeconds()
                                + " or absent(kube_cronjob_status_last_successful_time{" + inNs + ",cronjob=\""
                                + DatabaseJobs.FULL_BACKUP + "\"})",
                        Duration.ofMinutes(30), CRITICAL, "No full backup has succeeded for longer than "
                                + fullBackupOverdue.toHours() + " h: the recovery point is at risk"),
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
                rule("DatabaseBackupJobFailed", "max by (job_name) (kube_job_status_failed{" + inNs
                                + ",job_name=~\"" + Shop.DB_BACKUP + "-.+\"}) > 0",
                        Duration.ofMinutes(1), WARNING, "backup job {{ $labels.job_name }} failed"),
                rule("DatabaseWalArchivingFailing", "increase(pg_stat_archiver_failed_count{" + inNs + "}[10m]) > 0",
                        Duration.ofMinutes(10), WARNING, "{{ $labels.pod }} fails to archive WAL to the backup bucket"),
                rule("DatabaseReplicationSlotInactive", "pg_replication_slot_slot_is_active{" + inNs + "} == 0",
                        Duration.ofMinutes(15), WARNING, "slot {{ $labels.slot_name }} on {{ $labels.pod }} has no "
                                + "standby streaming from it: it holds WAL until the standby returns or the slot is lost"),
                rule("DatabaseReplicationSlotLagging", "pg_replication_slot_safe_wal_size_bytes{" + inNs + "} < "
                                + slotRiskBytes,
                        Duration.ofMinutes(5), WARNING, "slot {{ $labels.slot_name }} is within 20 % of "
                                + "max_slot_wal_keep_size: its standby will have to be copied afresh"),
                rule("QueueDepthIncreasing", "sum(deriv(" + queueMetric + "{" + inNs + "}[10m])) > 0",
                        Duration.ofMinutes(15), WARNING, queueMetric + " has been rising for 15 minutes"));
        CustomResource.create(this, "rule", PrometheusRule.TYPE, Meta.meta(NAME, ns, Meta.platformLabels(NAME)),
                new PrometheusRule.Spec(List.of(new PrometheusRule.Group("shop-critical", critical),
                        new PrometheusRule.Group("shop-warning", warning))));
    }

    private Rule rule(String alert, String expr, Duration holds, String severity, String summary) {
        // Most expressions aggregate the namespace away; the label is set here so that whoever selects this
        // environment's alerts (the canary analysis, Alertmanager's routes) finds every one of them.
        return new Rule(alert, expr, Units.duration(holds), Map.of("severity", severity, NAMESPACE, namespace),
                Map.of("summary", summary));
    }

    private static String percent(double ratio) {
        return Math.round(ratio * 100) + " %";
    }
}
