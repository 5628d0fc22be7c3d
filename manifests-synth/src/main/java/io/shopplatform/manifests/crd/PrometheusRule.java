package io.shopplatform.manifests.crd;

import java.util.List;
import java.util.Map;

/** Prometheus Operator: alerting rules. */
public final class PrometheusRule {
    public static final CustomResource.Type TYPE = new CustomResource.Type("monitoring.coreos.com/v1", "PrometheusRule");

    private PrometheusRule() {}

    public record Spec(List<Group> groups) {}

    public record Group(String name, List<Rule> rules) {}

    public record Rule(String alert, String expr, @Key("for") String forDuration, Map<String, String> labels,
                       Map<String, String> annotations) {}
}
