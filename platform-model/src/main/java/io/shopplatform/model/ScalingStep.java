package io.shopplatform.model;

import java.time.Duration;

/**
 * One HPA behaviour policy: change the replica count by at most {@code percent} every {@code period}.
 * Declared as the seed says it: {@code percent(50).every(ofSeconds(15))}.
 */
public record ScalingStep(int percent, Duration period) {
    public ScalingStep {
        if (percent < 1 || percent > 1000) {
            throw new IllegalArgumentException("scaling percent must be 1..1000, was " + percent);
        }
        if (period.isNegative() || period.isZero() || period.toSeconds() > 1800) {
            throw new IllegalArgumentException("scaling period must be 1..1800 s, was " + period);
        }
    }

    public static Percent percent(int percent) {
        return new Percent(percent);
    }

    /** The first half of a step: how much, waiting for how often. */
    public record Percent(int value) {
        public ScalingStep every(Duration period) {
            return new ScalingStep(value, period);
        }
    }
}
