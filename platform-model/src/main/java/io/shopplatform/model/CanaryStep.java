package io.shopplatform.model;

import java.time.Duration;

/** One phase of a canary rollout: send {@code weightPercent} of traffic to the new version for {@code pause}. */
public record CanaryStep(int weightPercent, Duration pause) {
}
