package io.shopplatform.model;

import java.util.Optional;

/** The seed's HPA table row for one service. A service without a memory target scales on CPU (and its metric). */
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
        Checks.required(scaleUp, "scale-up step");
        Checks.required(scaleDown, "scale-down step");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This row with some values changed (an environment's smaller replica bounds). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.minReplicas = minReplicas;
        b.maxReplicas = maxReplicas;
        b.cpuTargetPercent = cpuTargetPercent;
        b.memoryTargetPercent = memoryTargetPercent;
        b.scaleUp = scaleUp;
        b.scaleDown = scaleDown;
        b.customMetric = customMetric;
        return b;
    }

    public static final class Builder {
        private Integer minReplicas, maxReplicas, cpuTargetPercent;
        private Optional<Integer> memoryTargetPercent = Optional.empty();
        private ScalingStep scaleUp, scaleDown;
        private Optional<CustomMetric> customMetric = Optional.empty();

        private Builder() {}

        public Builder minReplicas(int value) { minReplicas = value; return this; }
        public Builder maxReplicas(int value) { maxReplicas = value; return this; }
        public Builder cpuTargetPercent(int value) { cpuTargetPercent = value; return this; }
        /** Optional: without it the service does not scale on memory. */
        public Builder memoryTargetPercent(int value) { memoryTargetPercent = Optional.of(value); return this; }
        public Builder scaleUp(ScalingStep value) { scaleUp = value; return this; }
        public Builder scaleDown(ScalingStep value) { scaleDown = value; return this; }
        /** Optional: a metric of the service's own to scale on as well. */
        public Builder customMetric(CustomMetric value) { customMetric = Optional.of(value); return this; }

        public Autoscaling build() {
            return new Autoscaling(Checks.required(minReplicas, "minimum replicas"),
                    Checks.required(maxReplicas, "maximum replicas"), Checks.required(cpuTargetPercent, "CPU target"),
                    memoryTargetPercent, scaleUp, scaleDown, customMetric);
        }
    }
}
