package io.shopplatform.model;

import java.time.Duration;
import java.util.List;

/** The seed's canary: traffic steps, and the bounds that promote or roll back. */
public record Canary(
        List<CanaryStep> steps,
        double successMaxErrorRate,
        Duration successMaxResponseTime,
        double rollbackErrorRate,
        Duration rollbackResponseTime) {
    public Canary {
        steps = List.copyOf(steps);
    }
}
