package io.shopplatform.model;

import java.time.Duration;

/**
 * The seed's performance SLA. The response-time target is also the canary's success bound and the
 * database query time the slow-query log's threshold; availability and throughput are the targets the
 * load tests are to hold the shop to.
 */
public record Sla(Duration responseTimeP95, double availability, int throughputRps, Duration databaseQueryTime) {

    public Sla {
        Checks.positive(responseTimeP95, "response time p95");
        Checks.ratio(availability, "availability");
        Checks.positive(throughputRps, "throughput");
        Checks.positive(databaseQueryTime, "database query time");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Duration responseTimeP95, databaseQueryTime;
        private Double availability;
        private Integer throughputRps;

        private Builder() {}

        public Builder responseTimeP95(Duration value) { responseTimeP95 = value; return this; }
        public Builder availability(double value) { availability = value; return this; }
        public Builder throughputRps(int value) { throughputRps = value; return this; }
        public Builder databaseQueryTime(Duration value) { databaseQueryTime = value; return this; }

        public Sla build() {
            return new Sla(responseTimeP95, Checks.required(availability, "availability"),
                    Checks.required(throughputRps, "throughput"), databaseQueryTime);
        }
    }
}
