package io.shopplatform.manifests.crd;

import java.util.List;
import java.util.Map;

/** Argo Rollouts: a canary that takes its pod template from an existing Deployment. */
public final class Rollout {
    public static final CustomResource.Type TYPE = new CustomResource.Type("argoproj.io/v1alpha1", "Rollout");

    private Rollout() {}

    public record Spec(WorkloadRef workloadRef, Selector selector, Integer revisionHistoryLimit, Strategy strategy) {}

    /** {@code scaleDown: progressively} hands replicas over from the Deployment as the Rollout's pods become ready. */
    public record WorkloadRef(String apiVersion, String kind, String name, String scaleDown) {}

    public record Selector(Map<String, String> matchLabels) {}

    public record Strategy(Canary canary) {}

    public record Canary(Analysis analysis, List<Step> steps) {}

    /** A background analysis runs for the whole rollout and aborts it when a metric fails. */
    public record Analysis(List<TemplateRef> templates, List<Arg> args) {}

    public record TemplateRef(String templateName) {}

    /** A fixed value, or one Argo Rollouts fills in (the canary's pod template hash). */
    public record Arg(String name, String value, ValueFrom valueFrom) {
        public static Arg of(String name, String value) {
            return new Arg(name, value, null);
        }

        /** The pod template hash of the ReplicaSet being rolled out: the label its pods carry. */
        public static Arg canaryHash(String name) {
            return new Arg(name, null, new ValueFrom("Latest"));
        }
    }

    public record ValueFrom(String podTemplateHashValue) {}

    /** Exactly one of the components is set per step. */
    public record Step(Integer setWeight, Pause pause) {
        public static Step weight(int percent) {
            return new Step(percent, null);
        }

        public static Step pause(String duration) {
            return new Step(null, new Pause(duration));
        }
    }

    public record Pause(String duration) {}
}
