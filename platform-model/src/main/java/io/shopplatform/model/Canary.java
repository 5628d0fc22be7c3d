package io.shopplatform.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's canary: traffic steps, the error rate that promotes, and the bounds that roll back. The response time
 * a canary must stay under to succeed is the SLA's ({@link Sla#responseTimeP95()}).
 */
public record Canary(List<CanaryStep> steps, double successMaxErrorRate, double rollbackErrorRate,
                     Duration rollbackResponseTime) {

    public Canary {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.get(steps.size() - 1).weightPercent() != 100) {
            throw new IllegalArgumentException("a canary's last step sends all traffic (100 %) to the new version");
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).weightPercent() <= steps.get(i - 1).weightPercent()) {
                throw new IllegalArgumentException("canary weights must rise step by step, were " + steps);
            }
        }
        Checks.ratio(successMaxErrorRate, "canary success error rate");
        Checks.ratio(rollbackErrorRate, "canary rollback error rate");
        if (rollbackErrorRate < successMaxErrorRate) {
            throw new IllegalArgumentException("the rollback error rate must not be below the success bound");
        }
        Checks.positive(rollbackResponseTime, "canary rollback response time");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<CanaryStep> steps = new ArrayList<>();
        private Double successMaxErrorRate, rollbackErrorRate;
        private Duration rollbackResponseTime;

        private Builder() {}

        public Builder step(CanaryStep value) { steps.add(value); return this; }
        public Builder successMaxErrorRate(double value) { successMaxErrorRate = value; return this; }
        public Builder rollbackErrorRate(double value) { rollbackErrorRate = value; return this; }
        public Builder rollbackResponseTime(Duration value) { rollbackResponseTime = value; return this; }

        public Canary build() {
            return new Canary(steps, Checks.required(successMaxErrorRate, "canary success error rate"),
                    Checks.required(rollbackErrorRate, "canary rollback error rate"), rollbackResponseTime);
        }
    }
}
