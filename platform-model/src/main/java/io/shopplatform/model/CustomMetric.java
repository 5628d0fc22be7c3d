package io.shopplatform.model;

import java.time.Duration;

/**
 * A per-pod metric the HPA scales on, besides CPU and memory. The HPA itself only scales on "above target",
 * so a metric where lower is worse (a cache hit ratio) is exported inverted (see {@link #hpaMetricName()}).
 */
public record CustomMetric(String name, double target, ScaleUpWhen scaleUpWhen, Duration warmUp) {

    public CustomMetric {
        Checks.required(warmUp, name + ": warm-up");
    }

    /** Which side of the target calls for more pods. */
    public enum ScaleUpWhen { ABOVE, BELOW }

    public static CustomMetric above(String name, double target) {
        return new CustomMetric(name, target, ScaleUpWhen.ABOVE, Duration.ZERO);
    }

    public static CustomMetric below(String name, double target) {
        return new CustomMetric(name, target, ScaleUpWhen.BELOW, Duration.ZERO);
    }

    /**
     * Pods younger than {@code warmUp} are left out of the metric (the HPA then counts them as not asking for more),
     * and each pod's value is averaged over that window: a metric that a new pod itself worsens (a cold in-process
     * cache) would otherwise make every scale-out call for the next.
     */
    public CustomMetric ignoringPodsYoungerThan(Duration value) {
        return new CustomMetric(name, target, scaleUpWhen, value);
    }

    /** The series the HPA reads: for "below" metrics the miss side, so that more load means a higher value. */
    public String hpaMetricName() {
        return scaleUpWhen == ScaleUpWhen.BELOW ? name.replace("hit_ratio", "miss_ratio") : name;
    }

    /** The target the HPA reads, in the same sense as {@link #hpaMetricName()}. */
    public double hpaTarget() {
        return scaleUpWhen == ScaleUpWhen.BELOW ? Math.round((1 - target) * 1000) / 1000.0 : target;
    }
}
