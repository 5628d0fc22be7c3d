package io.shopplatform.model;

import java.util.Optional;

/** The seed's HPA table row for one service. */
public record Autoscaling(
        int minReplicas,
        int maxReplicas,
        int cpuTargetPercent,
        Optional<Integer> memoryTargetPercent,
        ScalingStep scaleUp,
        ScalingStep scaleDown,
        Optional<CustomMetric> customMetric) {

    public Autoscaling {
        if (minReplicas < 1 || maxReplicas < minReplicas) {
            throw new IllegalArgumentException("replicas must satisfy 1 <= min <= max, was " + minReplicas + ".." + maxReplicas);
        }
        Checks.percent(cpuTargetPercent, "CPU target");
        memoryTargetPercent.ifPresent(m -> Checks.percent(m, "memory target"));
    }

    public Autoscaling withReplicas(int min, int max) {
        return new Autoscaling(min, max, cpuTargetPercent, memoryTargetPercent, scaleUp, scaleDown, customMetric);
    }
}
