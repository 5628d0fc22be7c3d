package io.shopplatform.model;

import java.time.Duration;

/**
 * One phase of a canary rollout: send {@code weightPercent} of traffic to the new version for {@code pause}.
 * Declared as the seed says it: {@code weightPercent(10).pause(ofMinutes(5))}.
 */
public record CanaryStep(int weightPercent, Duration pause) {

    public CanaryStep {
        Checks.percent(weightPercent, "canary weight");
        if (Checks.required(pause, "canary pause").isNegative()) {
            throw new IllegalArgumentException("canary pause must not be negative, was " + pause);
        }
    }

    public static Weight weightPercent(int percent) {
        return new Weight(percent);
    }

    /** The first half of a step: how much traffic, waiting for how long. */
    public record Weight(int percent) {
        public CanaryStep pause(Duration pause) {
            return new CanaryStep(percent, pause);
        }
    }
}
