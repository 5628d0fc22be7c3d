package io.shopplatform.infra.deploy;

import java.util.Set;

/** An API group and kind an object of the manifests uses, as {@code group/kind} (the core group is ""). */
public record Api(String group, String kind) {

    /** The per-pod metrics the HPAs scale on: served by whoever registers the aggregated custom metrics API. */
    public static final Api CUSTOM_METRICS = new Api("custom.metrics.k8s.io", "MetricValueList");

    /**
     * Kubernetes' own groups, served by every cluster. {@code autoscaling.k8s.io} is not among them: it is the
     * VerticalPodAutoscaler's CRD group, which only exists when something installs it.
     */
    private static final Set<String> BUILT_IN = Set.of("", "apps", "batch", "policy", "autoscaling",
            "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io",
            "discovery.k8s.io", "coordination.k8s.io", "node.k8s.io", "certificates.k8s.io",
            "admissionregistration.k8s.io", "apiextensions.k8s.io");

    /** The API of an object with that {@code apiVersion} ({@code group/version}, or just the version for core). */
    public static Api of(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        return new Api(slash < 0 ? "" : apiVersion.substring(0, slash), kind);
    }

    public boolean builtIn() {
        return BUILT_IN.contains(group);
    }

    @Override
    public String toString() {
        return group + "/" + kind;
    }
}
