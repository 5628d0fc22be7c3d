package io.shopplatform.manifests.crd;

import java.util.List;

/** Argo Rollouts: the metrics that decide whether a canary goes on or is rolled back. */
public final class AnalysisTemplate {
    public static final CustomResource.Type TYPE = new CustomResource.Type("argoproj.io/v1alpha1", "AnalysisTemplate");

    private AnalysisTemplate() {}

    public record Spec(List<Arg> args, List<Metric> metrics) {}

    public record Arg(String name) {}

    /** Fails the analysis when {@code failureCondition} holds more than {@code failureLimit} times. */
    public record Metric(String name, String interval, String successCondition, String failureCondition,
                         Integer failureLimit, Provider provider) {}

    public record Provider(Prometheus prometheus) {}

    public record Prometheus(String address, String query) {}
}
