package io.shopplatform.infra.deploy;

import io.shopplatform.infra.config.StackConfig.Alerting;
import io.shopplatform.monitoring.AlertRouting;
import io.shopplatform.monitoring.AlertRouting.Notifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-prometheus-stack as GKE runs it: Prometheus on a persistent volume, Alertmanager routing from a Secret
 * (critical alerts page, warnings post to chat in business hours, the seed's alerting section), Grafana's admin login
 * from a Secret, and no scraping of control-plane components GKE does not expose (controller manager, scheduler, etcd)
 * or does not run (kube-proxy, replaced by Dataplane V2): their targets would be "down" and alert forever.
 */
public final class Monitoring {

    /** The Secret holding Alertmanager's whole configuration (key {@value #ALERTMANAGER_KEY}). */
    public static final String ALERTMANAGER_SECRET = "alertmanager-shop";
    public static final String ALERTMANAGER_KEY = "alertmanager.yaml";
    /** The Secret holding Grafana's admin login, generated per environment. */
    public static final String GRAFANA_SECRET = "grafana-admin";
    public static final String GRAFANA_USER_KEY = "admin-user", GRAFANA_PASSWORD_KEY = "admin-password";
    public static final String GRAFANA_USER = "admin";
    /** The purpose of Grafana's generated admin password, for rotation. */
    public static final String GRAFANA_PASSWORD = "grafana-admin";
    /** GKE's own pd-balanced class: it exists before anything is synced, unlike the manifests' classes. */
    static final String STORAGE_CLASS = "standard-rwo";
    /** Fifteen days of metrics: two weeks of comparison for canary and capacity questions. */
    static final String RETENTION = "15d";
    static final String PROMETHEUS_VOLUME = "50Gi";
    /** Components GKE does not let Prometheus scrape, and the default rule groups that alert on them. */
    static final List<String> UNREACHABLE_COMPONENTS = List.of("kubeControllerManager", "kubeScheduler", "kubeEtcd",
            "kubeProxy");
    static final List<String> UNREACHABLE_RULE_GROUPS = List.of("kubeControllerManager", "kubeSchedulerAlerting",
            "kubeSchedulerRecording", "etcd", "kubeProxy");

    private Monitoring() {}

    /** The chart's values. */
    static Map<String, Object> values(String prometheusAccount) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("prometheus", Map.of(
                // The shop's RoleBinding lets exactly this account discover its scrape targets.
                "serviceAccount", Map.of("name", prometheusAccount),
                "prometheusSpec", Map.of(
                        // Select every ServiceMonitor and rule, not only those labelled for this release.
                        "serviceMonitorSelectorNilUsesHelmValues", false,
                        "ruleSelectorNilUsesHelmValues", false,
                        "retention", RETENTION,
                        "storageSpec", Map.of("volumeClaimTemplate", Map.of("spec", Map.of(
                                "storageClassName", STORAGE_CLASS,
                                "accessModes", List.of("ReadWriteOnce"),
                                "resources", Map.of("requests", Map.of("storage", PROMETHEUS_VOLUME))))))));
        values.put("alertmanager", Map.of("alertmanagerSpec", Map.of(
                "useExistingSecret", true,
                "configSecret", ALERTMANAGER_SECRET)));
        values.put("grafana", Map.of(
                // The shop's dashboards are ConfigMaps in its own namespace.
                "sidecar", Map.of("dashboards", Map.of("searchNamespace", "ALL")),
                "admin", Map.of("existingSecret", GRAFANA_SECRET, "userKey", GRAFANA_USER_KEY,
                        "passwordKey", GRAFANA_PASSWORD_KEY)));
        UNREACHABLE_COMPONENTS.forEach(component -> values.put(component, Map.of("enabled", false)));
        Map<String, Object> rules = new LinkedHashMap<>();
        UNREACHABLE_RULE_GROUPS.forEach(group -> rules.put(group, false));
        values.put("defaultRules", Map.of("rules", rules));
        // GKE runs kube-dns, not CoreDNS.
        values.put("coreDns", Map.of("enabled", false));
        values.put("kubeDns", Map.of("enabled", true));
        return values;
    }

    /**
     * Alertmanager's configuration ({@link AlertRouting}, as the local Alertmanager routes too): the pager is
     * PagerDuty, chat is a Slack-compatible webhook, from the stack's secrets.
     */
    public static String alertmanagerConfig(Alerting alerting) {
        return AlertRouting.config(new AlertRouting.Receivers(
                alerting.pagerRoutingKey().map(key -> Notifier.pagerDuty(key.value())),
                alerting.chatWebhook().map(url -> Notifier.slack(url.value()))));
    }
}
