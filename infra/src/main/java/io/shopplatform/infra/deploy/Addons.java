package io.shopplatform.infra.deploy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster add-ons, pinned in one place. Namespaces, account and ConfigMap names are the ones the synthesized
 * manifests expect (manifests-synth: {@code Peers.MONITORING_NAMESPACE}, {@code GitOps.ARGOCD_NAMESPACE},
 * {@code MonitoringAccess.PROMETHEUS_ACCOUNT}, {@code MetricsAdapter.NAME}, {@code Queries.PROMETHEUS}).
 */
public final class Addons {

    public static final String ARGOCD_NAMESPACE = "argocd";
    public static final String MONITORING_NAMESPACE = "monitoring";
    static final String PROMETHEUS_ACCOUNT = "prometheus";
    static final String ADAPTER_RULES = "prometheus-adapter-shop-rules";
    /** The Service the Prometheus Operator puts in front of every Prometheus it runs. */
    static final String PROMETHEUS_URL = "http://prometheus-operated." + MONITORING_NAMESPACE + ".svc";
    static final int PROMETHEUS_PORT = 9090;
    /** Where prometheus-adapter serves the custom metrics API; {@code Vpc} lets the control plane reach it. */
    public static final int ADAPTER_PORT = 6443;

    /**
     * Where cert-manager's admission webhook listens: a port the control plane of a private cluster reaches without a
     * firewall rule of ours (GKE opens 443 and 10250 itself).
     */
    public static final int CERT_MANAGER_WEBHOOK_PORT = 10250;

    private static final String JETSTACK = "https://charts.jetstack.io";
    private static final String ARGO_HELM = "https://argoproj.github.io/argo-helm";
    private static final String PROMETHEUS_COMMUNITY = "https://prometheus-community.github.io/helm-charts";
    private static final String ARGO = "argoproj.io";
    private static final String PROMETHEUS_OPERATOR = "monitoring.coreos.com";

    /**
     * What GKE serves itself: BackendConfig and ManagedCertificate with its ingress controller, VerticalPodAutoscaler
     * because the cluster enables vertical pod autoscaling ({@code Gke}).
     */
    public static final Set<Api> FROM_GKE = Set.of(
            new Api("cloud.google.com", "BackendConfig"),
            new Api("networking.gke.io", "ManagedCertificate"),
            new Api("autoscaling.k8s.io", "VerticalPodAutoscaler"));

    public static final List<Addon> ALL = List.of(
            new Addon("argo-cd", ARGO_HELM, "argo-cd", "8.5.0", ARGOCD_NAMESPACE,
                    group(ARGO, "Application", "ApplicationSet", "AppProject"), Map.of(), true),
            new Addon("argo-rollouts", ARGO_HELM, "argo-rollouts", "2.41.0", "argo-rollouts",
                    group(ARGO, "Rollout", "AnalysisTemplate", "ClusterAnalysisTemplate", "AnalysisRun", "Experiment"),
                    Map.of(), true),
            new Addon("kube-prometheus-stack", PROMETHEUS_COMMUNITY, "kube-prometheus-stack", "76.5.1",
                    MONITORING_NAMESPACE,
                    group(PROMETHEUS_OPERATOR, "Prometheus", "Alertmanager", "ServiceMonitor", "PodMonitor", "PrometheusRule", "Probe"),
                    Monitoring.values(PROMETHEUS_ACCOUNT), true),
            new Addon("prometheus-adapter", PROMETHEUS_COMMUNITY, "prometheus-adapter", "4.13.0", MONITORING_NAMESPACE,
                    Set.of(Api.CUSTOM_METRICS),
                    Map.of(
                            "prometheus", Map.of("url", PROMETHEUS_URL, "port", PROMETHEUS_PORT),
                            // The rules derive from the model and arrive with the manifests, not with this chart.
                            "rules", Map.of("existing", ADAPTER_RULES),
                            // The control plane calls the custom metrics API on the pod: a port the firewall opens.
                            "listenPort", ADAPTER_PORT),
                    // Its pod mounts those rules, which exist only once Argo CD has synced: waiting would deadlock.
                    false),
            // Issues the data tier's TLS certificates (the backup servers' and the backup job's) from the manifests'
            // Issuers; its CRDs come with the release and stay if it is ever uninstalled.
            new Addon("cert-manager", JETSTACK, "cert-manager", "v1.18.2", "cert-manager",
                    group("cert-manager.io", "Certificate", "Issuer", "ClusterIssuer", "CertificateRequest"),
                    Map.of("crds", Map.of("enabled", true, "keep", true),
                            "webhook", Map.of("securePort", CERT_MANAGER_WEBHOOK_PORT)),
                    true));

    private Addons() {}

    /** The namespaces the add-ons live in, each created once (by {@code Deployment}) before anything goes in. */
    public static List<String> namespaces() {
        return ALL.stream().map(Addon::namespace).distinct().toList();
    }

    /**
     * The add-ons serving these APIs; fails naming every API neither Kubernetes, GKE nor an add-on serves, so that
     * a new custom kind in the manifests cannot reach a cluster that would reject it.
     */
    public static List<Addon> serving(Set<Api> apis) {
        List<String> unserved = apis.stream()
                .filter(api -> !api.builtIn() && !FROM_GKE.contains(api))
                .filter(api -> ALL.stream().noneMatch(a -> a.serves().contains(api)))
                .map(Api::toString).sorted().toList();
        if (!unserved.isEmpty()) {
            throw new IllegalStateException("the synthesized manifests use " + unserved + ", which neither GKE nor an "
                    + "add-on serves: add the add-on that installs them to " + Addons.class.getName());
        }
        return ALL.stream().filter(a -> a.serves().stream().anyMatch(apis::contains)).toList();
    }

    private static Set<Api> group(String group, String... kinds) {
        return Arrays.stream(kinds).map(k -> new Api(group, k)).collect(Collectors.toUnmodifiableSet());
    }
}
