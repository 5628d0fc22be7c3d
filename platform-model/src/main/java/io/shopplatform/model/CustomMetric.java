package io.shopplatform.model;

/**
 * A per-pod metric the HPA scales on, besides CPU and memory.
 * {@code scaleUpWhenBelow} is true for metrics where lower is worse (a cache hit ratio);
 * the HPA itself only scales on "above target", so those are exported inverted (see {@link #hpaMetricName()}).
 */
public record CustomMetric(String name, double target, boolean scaleUpWhenBelow) {
    public static CustomMetric above(String name, double target) {
        return new CustomMetric(name, target, false);
    }

    public static CustomMetric below(String name, double target) {
        return new CustomMetric(name, target, true);
    }

    /** The series the HPA reads: for "below" metrics the miss side, so that more load means a higher value. */
    public String hpaMetricName() {
        return scaleUpWhenBelow ? name.replace("hit_ratio", "miss_ratio") : name;
    }

    /** The target the HPA reads, in the same sense as {@link #hpaMetricName()}. */
    public double hpaTarget() {
        return scaleUpWhenBelow ? Math.round((1 - target) * 1000) / 1000.0 : target;
    }
}
