package io.shopplatform.manifests.crd;

import java.util.List;
import java.util.Map;

/** Prometheus Operator: which Services' ports Prometheus scrapes. */
public final class ServiceMonitor {
    public static final CustomResource.Type TYPE = new CustomResource.Type("monitoring.coreos.com/v1", "ServiceMonitor");

    private ServiceMonitor() {}

    /** {@code podTargetLabels}: pod labels copied onto every scraped series. */
    public record Spec(Selector selector, NamespaceSelector namespaceSelector, List<String> podTargetLabels,
                       List<Endpoint> endpoints) {}

    public record Selector(Map<String, String> matchLabels) {}

    public record NamespaceSelector(List<String> matchNames) {}

    public record Endpoint(String port, String path, String interval) {}
}
