package io.shopplatform.infra.deploy;

import io.shopplatform.infra.config.SecretText;
import io.shopplatform.infra.config.StackConfig.Alerting;
import io.shopplatform.manifests.operations.Alerts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

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
    /** The seed's "business hours" for warnings, in UTC: Monday to Friday, 08:00 to 18:00. */
    static final String BUSINESS_HOURS = "business-hours";
    static final String PAGER = "pager", CHAT = "chat", DASHBOARD_ONLY = "dashboard-only";

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
     * Alertmanager's configuration: critical alerts to the pager around the clock, warnings to chat in business
     * hours, everything else (info) on dashboards only. Without a pager (outside production) critical alerts go to
     * chat; without either, nothing leaves the cluster.
     */
    public static String alertmanagerConfig(Alerting alerting) {
        Optional<String> pager = alerting.pagerRoutingKey().map(SecretText::value);
        Optional<String> chat = alerting.chatWebhook().map(SecretText::value);
        List<Map<String, Object>> receivers = new ArrayList<>();
        receivers.add(Map.of("name", DASHBOARD_ONLY));
        pager.ifPresent(key -> receivers.add(Map.of("name", PAGER,
                "pagerduty_configs", List.of(Map.of("routing_key", key, "send_resolved", true)))));
        chat.ifPresent(url -> receivers.add(Map.of("name", CHAT,
                "slack_configs", List.of(Map.of("api_url", url, "send_resolved", true)))));
        List<Map<String, Object>> routes = new ArrayList<>();
        Optional<String> criticalTo = pager.map(p -> PAGER).or(() -> chat.map(c -> CHAT));
        criticalTo.ifPresent(r -> routes.add(Map.of("receiver", r, "matchers", List.of(severity(Alerts.CRITICAL)))));
        chat.ifPresent(c -> routes.add(Map.of("receiver", CHAT, "matchers", List.of(severity(Alerts.WARNING)),
                "active_time_intervals", List.of(BUSINESS_HOURS))));
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", DASHBOARD_ONLY);
        route.put("group_by", List.of("alertname", "namespace"));
        route.put("group_wait", "30s");
        route.put("group_interval", "5m");
        route.put("repeat_interval", "4h");
        route.put("routes", routes);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("route", route);
        config.put("receivers", receivers);
        // A critical alert silences the warning of the same name and namespace: one page, not a page and a post.
        config.put("inhibit_rules", List.of(Map.of(
                "source_matchers", List.of(severity(Alerts.CRITICAL)),
                "target_matchers", List.of(severity(Alerts.WARNING)),
                "equal", List.of("alertname", "namespace"))));
        config.put("time_intervals", List.of(Map.of("name", BUSINESS_HOURS, "time_intervals", List.of(Map.of(
                "weekdays", List.of("monday:friday"),
                "times", List.of(Map.of("start_time", "08:00", "end_time", "18:00")))))));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(config);
    }

    private static String severity(String value) {
        return "severity=\"" + value + "\"";
    }
}
