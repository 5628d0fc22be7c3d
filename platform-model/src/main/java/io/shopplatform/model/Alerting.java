package io.shopplatform.model;

import java.time.Duration;

/**
 * The seed's alerting thresholds: critical alerts page around the clock, warnings go to chat in business hours.
 * The alert rules read them.
 */
public record Alerting(
        double criticalErrorRate,
        Duration criticalResponseTime,
        int warningCpuMemoryPercent,
        double warningCacheHitRatio,
        int warningDiskPercent) {

    public Alerting {
        Checks.ratio(criticalErrorRate, "critical error rate");
        Checks.positive(criticalResponseTime, "critical response time");
        Checks.percent(warningCpuMemoryPercent, "warning CPU/memory");
        Checks.ratio(warningCacheHitRatio, "warning cache hit ratio");
        Checks.percent(warningDiskPercent, "warning disk");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Double criticalErrorRate, warningCacheHitRatio;
        private Duration criticalResponseTime;
        private Integer warningCpuMemoryPercent, warningDiskPercent;

        private Builder() {}

        public Builder criticalErrorRate(double value) { criticalErrorRate = value; return this; }
        public Builder criticalResponseTime(Duration value) { criticalResponseTime = value; return this; }
        public Builder warningCpuMemoryPercent(int value) { warningCpuMemoryPercent = value; return this; }
        public Builder warningCacheHitRatio(double value) { warningCacheHitRatio = value; return this; }
        public Builder warningDiskPercent(int value) { warningDiskPercent = value; return this; }

        public Alerting build() {
            return new Alerting(Checks.required(criticalErrorRate, "critical error rate"), criticalResponseTime,
                    Checks.required(warningCpuMemoryPercent, "warning CPU/memory"),
                    Checks.required(warningCacheHitRatio, "warning cache hit ratio"),
                    Checks.required(warningDiskPercent, "warning disk"));
        }
    }
}
