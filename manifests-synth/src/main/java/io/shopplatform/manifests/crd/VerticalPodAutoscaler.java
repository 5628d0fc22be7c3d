package io.shopplatform.manifests.crd;

import java.util.List;

/** Kubernetes autoscaler: resource recommendations for a workload. */
public final class VerticalPodAutoscaler {
    public static final CustomResource.Type TYPE =
            new CustomResource.Type("autoscaling.k8s.io/v1", "VerticalPodAutoscaler");

    private VerticalPodAutoscaler() {}

    public record Spec(TargetRef targetRef, UpdatePolicy updatePolicy, ResourcePolicy resourcePolicy) {}

    public record TargetRef(String apiVersion, String kind, String name) {}

    /** {@code Off}: recommend only. The HPA scales these workloads on CPU, so the VPA must not resize them. */
    public record UpdatePolicy(String updateMode) {}

    public record ResourcePolicy(List<ContainerPolicy> containerPolicies) {}

    public record ContainerPolicy(String containerName, List<String> controlledResources) {}
}
