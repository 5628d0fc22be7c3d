package io.shopplatform.model;

import java.time.Duration;

/**
 * The numbers the platform is held to: the SLA, the alerting thresholds and the database targets.
 * Alert rules, load-test gates and benchmarks read them from here.
 */
public record Thresholds(
        Duration p95ResponseTime,
        double availability,
        int throughputRps,
        Duration databaseQueryTime,
        double criticalErrorRate,
        Duration criticalResponseTime,
        int warningCpuMemoryPercent,
        double warningCacheHitRatio,
        int warningDiskPercent,
        Duration readAverage, Duration readP95, Duration readP99,
        Duration writeAverage, Duration writeP95, Duration writeP99,
        Duration failoverDetection) {
}
