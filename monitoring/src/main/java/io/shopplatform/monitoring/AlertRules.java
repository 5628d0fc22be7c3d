package io.shopplatform.monitoring;

import io.shopplatform.datatier.Maintenance;
import io.shopplatform.datatier.Sizing;
import io.shopplatform.model.Alerting;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed's alerting thresholds as Prometheus alert rules, written once for every place that evaluates them: the
 * cluster's PrometheusRule (manifests-synth) and the local Prometheus (platform-local) differ only in the namespace
 * their selectors and labels name. Critical alerts page (PagerDuty, around the clock), warnings go to chat in
 * business hours: Alertmanager routes on the {@value #SEVERITY} label.
 */
public final class AlertRules {
    public static final String CRITICAL = "critical", WARNING = "warning";
    public static final String SEVERITY = "severity", NAMESPACE = "namespace", SUMMARY = "summary";
    public static final String PRIMARY_DOWN = "DatabasePrimaryDown", BACKUP_MISSING = "DatabaseBackupMissing",
            PAYMENT_UNAVAILABLE = "PaymentServiceUnavailable", HIGH_ERROR_RATE = "HighErrorRate",
            SLOW_RESPONSES = "SlowResponses", HIGH_CPU = "HighCpu", HIGH_MEMORY = "HighMemory",
            CACHE_HIT_RATIO_LOW = "CacheHitRatioLow", DISK_ALMOST_FULL = "DiskAlmostFull",
            BACKUP_JOB_FAILED = "DatabaseBackupJobFailed", WAL_ARCHIVING_FAILING = "DatabaseWalArchivingFailing",
            SLOT_INACTIVE = "DatabaseReplicationSlotInactive", SLOT_LAGGING = "DatabaseReplicationSlotLagging",
            QUEUE_DEPTH_INCREASING = "QueueDepthIncreasing", PAYMENT_PROVIDER_FAILING = "PaymentProviderFailing",
            CACHE_LAYER_DOWN = "CacheLayerDown", EVENT_BROKER_UNREACHABLE = "EventBrokerUnreachable",
            QUORUM_LOST = "DatabaseQuorumLost", STANDBY_MISSING = "DatabaseStandbyMissing";

    /** A rule group as Prometheus's rule files and the PrometheusRule resource both spell it. */
    public record Group(String name, List<Rule> rules) {}

    /**
     * One alert: fires when {@code expr} has held for {@code holds}; labelled with its severity and the namespace it
     * watches (most expressions aggregate the namespace away; whoever selects one environment's alerts, the canary
     * analysis or Alertmanager's routes, finds every one of them by it).
     */
    public record Rule(String alert, String expr, Duration holds, Map<String, String> labels, String summary) {

        public String severity() {
            return labels.get(SEVERITY);
        }

        /** Prometheus's notation of {@link #holds}. */
        public String forDuration() {
            return Queries.duration(holds);
        }
    }

    private AlertRules() {}

    /** Every rule, for the platform sized as {@code sizing}, watching the series of {@code namespace}. */
    public static List<Group> of(Platform platform, Sizing sizing, String namespace) {
        Alerting t = platform.alerting();
        String inNs = Queries.namespace(namespace);
        String services = Queries.service(namespace, ".+");
        String queueMetric = queueMetric(platform);
        double busy = t.warningCpuMemoryPercent() / 100.0;
        Duration fullBackupOverdue = fullBackupOverdue(platform);
        long slotRiskBytes = sizing.maxSlotWalKeepSizeMb() * 1024L * 1024 / 5;
        // Standbys streaming from a primary, as its exporter reports them (one series per standby connected).
        String streaming = "(count(pg_stat_replication_pg_current_wal_lsn_bytes{" + inNs + ",state=\"streaming\"}) or vector(0))";
        String fullBackup = "kube_cronjob_status_last_successful_time{" + inNs + ",cronjob=\"" + Maintenance.FULL_BACKUP + "\"}";
        List<Rule> critical = List.of(
                // Zero primaries and two primaries are both an outage: no writes, or writes that may be lost.
                rule(PRIMARY_DOWN, "(count(pg_replication_is_replica{" + inNs + "} == 0) or vector(0)) != 1",
                        platform.database().failoverDetection(), CRITICAL, namespace,
                        "{{ $value }} PostgreSQL members are primary, not exactly one: writes fail, or may be lost"),
                // Synchronous replication to a quorum: below it no commit is acknowledged, writes wait until one returns.
                rule(QUORUM_LOST, streaming + " < " + sizing.synchronousStandbysRequired(),
                        platform.database().failoverDetection(), CRITICAL, namespace,
                        "{{ $value }} standbys stream, fewer than the synchronous quorum (" + sizing.quorum()
                                + "): every commit waits"),
                rule(BACKUP_MISSING, "time() - max(" + fullBackup + ") > " + fullBackupOverdue.toSeconds()
                                + " or absent(" + fullBackup + ")",
                        Duration.ofMinutes(30), CRITICAL, namespace, "No full backup has succeeded for longer than "
                                + fullBackupOverdue.toHours() + " h: the recovery point is at risk"),
                rule(PAYMENT_UNAVAILABLE, "(sum(up{" + Queries.service(namespace, Shop.PAYMENT) + "}) or vector(0)) == 0",
                        Duration.ofMinutes(1), CRITICAL, namespace, "No payment instance is up"),
                rule(HIGH_ERROR_RATE, Queries.errorRate(services, "service") + " > " + t.criticalErrorRate(),
                        Duration.ofMinutes(5), CRITICAL, namespace, "{{ $labels.service }} fails more than "
                                + percent(t.criticalErrorRate()) + " of requests"),
                rule(SLOW_RESPONSES, Queries.p95Seconds(services, "service") + " > "
                                + t.criticalResponseTime().toSeconds(),
                        Duration.ofMinutes(5), CRITICAL, namespace, "{{ $labels.service }} p95 above "
                                + t.criticalResponseTime().toSeconds() + " s"));
        List<Rule> warning = List.of(
                rule(HIGH_CPU, "sum by (pod) (rate(container_cpu_usage_seconds_total{" + inNs + ",container!=\"\"}[5m]))"
                                + " / sum by (pod) (kube_pod_container_resource_limits{" + inNs + ",resource=\"cpu\"}) > " + busy,
                        Duration.ofMinutes(10), WARNING, namespace, "{{ $labels.pod }} uses more than "
                                + t.warningCpuMemoryPercent() + " % of its CPU limit"),
                rule(HIGH_MEMORY, "sum by (pod) (container_memory_working_set_bytes{" + inNs + ",container!=\"\"})"
                                + " / sum by (pod) (kube_pod_container_resource_limits{" + inNs + ",resource=\"memory\"}) > " + busy,
                        Duration.ofMinutes(10), WARNING, namespace, "{{ $labels.pod }} uses more than "
                                + t.warningCpuMemoryPercent() + " % of its memory limit"),
                rule(CACHE_HIT_RATIO_LOW, Queries.cacheHitRatio(namespace) + " < " + t.warningCacheHitRatio(),
                        Duration.ofMinutes(10), WARNING, namespace, "{{ $labels.service }} {{ $labels.cache }} hit ratio below "
                                + percent(t.warningCacheHitRatio())),
                rule(DISK_ALMOST_FULL, "kubelet_volume_stats_used_bytes{" + inNs + "}"
                                + " / kubelet_volume_stats_capacity_bytes{" + inNs + "} > " + t.warningDiskPercent() / 100.0,
                        Duration.ofMinutes(10), WARNING, namespace, "{{ $labels.persistentvolumeclaim }} is more than "
                                + t.warningDiskPercent() + " % full"),
                rule(BACKUP_JOB_FAILED, "max by (job_name) (kube_job_status_failed{" + inNs
                                + ",job_name=~\"" + Shop.DB_BACKUP + "-.+\"}) > 0",
                        Duration.ofMinutes(1), WARNING, namespace, "backup job {{ $labels.job_name }} failed"),
                rule(WAL_ARCHIVING_FAILING, "increase(pg_stat_archiver_failed_count{" + inNs + "}[10m]) > 0",
                        Duration.ofMinutes(10), WARNING, namespace, "{{ $labels.pod }} fails to archive WAL to the backup bucket"),
                rule(STANDBY_MISSING, streaming + " < " + sizing.standbys(),
                        platform.database().failoverDetection(), WARNING, namespace, "{{ $value }} of "
                                + sizing.standbys() + " standbys stream: reads have fewer replicas, and a quorum "
                                + "commit fewer standbys to wait for"),
                rule(SLOT_INACTIVE, "pg_replication_slot_slot_is_active{" + inNs + "} == 0",
                        Duration.ofMinutes(15), WARNING, namespace, "slot {{ $labels.slot_name }} on {{ $labels.pod }} has no "
                                + "standby streaming from it: it holds WAL until the standby returns or the slot is lost"),
                rule(SLOT_LAGGING, "pg_replication_slot_safe_wal_size_bytes{" + inNs + "} < " + slotRiskBytes,
                        Duration.ofMinutes(5), WARNING, namespace, "slot {{ $labels.slot_name }} is within 20 % of "
                                + "max_slot_wal_keep_size: its standby will have to be copied afresh"),
                // The failures the services ride out by themselves (runbooks/): the shop keeps selling, an operator
                // still needs to know that a dependency is gone and the shop runs degraded.
                rule(PAYMENT_PROVIDER_FAILING, "max by (name) (resilience4j_circuitbreaker_state{"
                                + Queries.service(namespace, Shop.PAYMENT) + ",state=\"open\"}) == 1",
                        Duration.ofMinutes(1), WARNING, namespace, "payment provider {{ $labels.name }} is failing: its "
                                + "breaker is open and charges go to the next provider"),
                rule(CACHE_LAYER_DOWN, "min by (service, layer) (shop_cache_layer_up{" + services + "}) == 0",
                        Duration.ofMinutes(1), WARNING, namespace, "{{ $labels.service }} reads around its {{ $labels.layer }} "
                                + "cache: the layer's breaker is open, reads go to the next layer or the database"),
                rule(EVENT_BROKER_UNREACHABLE, "sum by (service) (increase(shop_outbox_unavailable_total{" + services
                                + "}[2m])) > 0",
                        Duration.ofMinutes(2), WARNING, namespace, "{{ $labels.service }}'s outbox relay cannot reach "
                                + "Kafka: its events wait in the outbox until it returns"),
                rule(QUEUE_DEPTH_INCREASING, "sum(deriv(" + queueMetric + "{" + inNs + "}[10m])) > 0",
                        Duration.ofMinutes(15), WARNING, namespace, queueMetric + " has been rising for 15 minutes"));
        return List.of(new Group("shop-critical", critical), new Group("shop-warning", warning));
    }

    /** The groups as a Prometheus rule file (what {@code rule_files} loads and {@code promtool} checks). */
    public static String file(List<Group> groups) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Group g : groups) {
            List<Map<String, Object>> rules = new ArrayList<>();
            for (Rule r : g.rules()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("alert", r.alert());
                m.put("expr", r.expr());
                m.put("for", r.forDuration());
                m.put("labels", new TreeMap<>(r.labels()));
                m.put("annotations", Map.of(SUMMARY, r.summary()));
                rules.add(m);
            }
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("name", g.name());
            group.put("rules", rules);
            out.add(group);
        }
        return Yamls.write(Map.of("groups", out));
    }

    /** The order queue's depth, the series the order service's HPA scales on. */
    public static String queueMetric(Platform platform) {
        return platform.component(Shop.ORDER).autoscaling().orElseThrow().customMetric().orElseThrow().name();
    }

    /** A full backup is overdue once a second one should have run as well. */
    public static Duration fullBackupOverdue(Platform platform) {
        return Duration.ofDays(Sizing.fullBackupEveryDays(platform.backups().fullBackupCron())).multipliedBy(3).dividedBy(2);
    }

    private static Rule rule(String alert, String expr, Duration holds, String severity, String namespace, String summary) {
        return new Rule(alert, expr, holds, Map.of(SEVERITY, severity, NAMESPACE, namespace), summary);
    }

    private static String percent(double ratio) {
        return Math.round(ratio * 100) + " %";
    }
}
